import type { MobilityRow } from './rome-mobility.response.js';

/** ROME code → target ROME codes, best first, each once, never itself. */
export type MobilityLinks = Record<string, string[]>;

/**
 * The archive's French column values stop here. Order per source: by `numero_ordre` when the file
 * has it (ROME 4.0), rows without a rank after the ranked ones; in a v3 file, close mobilities
 * (`Proche`) before evolutions; otherwise the file's order.
 */
export function toMobilityLinks(rows: readonly MobilityRow[]): MobilityLinks {
  const bySource = new Map<string, { target: string; rank: number; evolution: boolean }[]>();
  for (const row of rows) {
    if (row.code_rome === row.code_rome_cible) continue;
    const targets = bySource.get(row.code_rome) ?? [];
    const evolution = (row.libelle_type_mobilite ?? '').trim().toLowerCase().startsWith('evol');
    const rank = row.numero_ordre !== null && row.numero_ordre > 0 ? row.numero_ordre : Number.POSITIVE_INFINITY;
    targets.push({ target: row.code_rome_cible, rank, evolution });
    bySource.set(row.code_rome, targets);
  }
  const links: MobilityLinks = {};
  for (const [code, targets] of bySource) {
    // Array#sort is stable: equal ranks keep the file's order.
    targets.sort((a, b) => a.rank - b.rank || Number(a.evolution) - Number(b.evolution));
    links[code] = [...new Set(targets.map((entry) => entry.target))];
  }
  return links;
}
