import { zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import type { RomeMetier } from './rome.data.js';

/** The ROME version the simulated archive carries (file suffix `_v461_utf8.csv`). */
export const ROME_OPEN_DATA_VERSION = '461';
export const ROME_OPEN_DATA_PATH = '/api-nomenclatureemploi/v1/open-data/csv';

const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;

/**
 * `unix_rubrique_mobilite_v<version>_utf8.csv`: the ROME mobility links (README § ROME open data),
 * in the ROME 4.0 layout — `code_rome`, `code_rome_cible`, `numero_ordre`, the header a public
 * importer of the real v461 archive checks. Comma-separated, every field quoted, UTF-8, header
 * first. One row per métier-to-métier link, ranked from 1 per source: links within the same
 * domaine professionnel first (our choice of links and ranks; the real file's are France Travail's).
 */
export function mobilityCsv(metiers: ReadonlyMap<string, RomeMetier>): string {
  const header = ['code_rome', 'code_rome_cible', 'numero_ordre'];
  const rows = [header.map(quote).join(',')];
  for (const metier of metiers.values()) {
    const close = (code: string) => code.slice(0, 3) === metier.code.slice(0, 3);
    const ranked = [...metier.proximite.filter((target) => close(target.code)), ...metier.proximite.filter((target) => !close(target.code))];
    ranked.forEach((target, index) => rows.push([metier.code, target.code, String(index + 1)].map(quote).join(',')));
  }
  return `${rows.join('\n')}\n`;
}

/**
 * The ROME open-data archive France Travail publishes (data.gouv.fr dataset 58da857388ee384902e505f5,
 * resource `https://api.francetravail.fr/api-nomenclatureemploi/v1/open-data/csv`): one zip of CSVs,
 * no token. Only the files the graph reads are simulated: the mobility links and `version.txt`.
 */
export function registerRomeOpenDataRoutes(app: FastifyInstance, metiers: ReadonlyMap<string, RomeMetier>): void {
  let zip: Buffer | undefined;
  app.get(ROME_OPEN_DATA_PATH, async (_request, reply) => {
    zip ??= Buffer.from(
      zipSync({
        [`unix_rubrique_mobilite_v${ROME_OPEN_DATA_VERSION}_utf8.csv`]: Buffer.from(mobilityCsv(metiers), 'utf8'),
        'version.txt': Buffer.from(`Numero de version : ${ROME_OPEN_DATA_VERSION}\nTitre/commentaire : ROME 4.0 (simulateur)\n`, 'utf8'),
      }, { level: 6 }),
    );
    return await reply.header('content-type', 'application/zip').header('content-disposition', 'attachment; filename="RefRomeCsv.zip"').send(zip);
  });
}
