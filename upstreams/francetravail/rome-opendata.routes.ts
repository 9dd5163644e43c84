import { zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import type { RomeMetier } from './rome.data.js';

/** The ROME version the simulated archive carries (file suffix `_v461_utf8.csv`). */
export const ROME_OPEN_DATA_VERSION = '461';
export const ROME_OPEN_DATA_PATH = '/api-nomenclatureemploi/v1/open-data/csv';

const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;

/**
 * `unix_rubrique_mobilite_v<version>_utf8.csv`: the ROME mobility links (README § ROME open data).
 * Comma-separated, every field quoted, UTF-8, header first, as the archive's other CSVs. One row
 * per métier-to-métier link (no appellation: those columns empty); `code_type_mobilite` 1 = Proche
 * (same domaine professionnel), 2 = Evolution (another one).
 */
export function mobilityCsv(metiers: ReadonlyMap<string, RomeMetier>): string {
  const header = ['code_rome', 'code_rome_cible', 'code_appellation_source', 'code_appellation_cible', 'code_type_mobilite', 'libelle_type_mobilite'];
  const rows = [header.map(quote).join(',')];
  for (const metier of metiers.values()) {
    for (const target of metier.proximite) {
      const close = target.code.slice(0, 3) === metier.code.slice(0, 3);
      rows.push([metier.code, target.code, '', '', close ? '1' : '2', close ? 'Proche' : 'Evolution'].map(quote).join(','));
    }
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
