import type { MobilityRow } from './rome-mobility.response.js';

/** ROME code → target ROME codes, close mobilities (`Proche`) before evolutions, each once, never itself. */
export type MobilityLinks = Record<string, string[]>;

/** The archive's French column values stop here. */
export function toMobilityLinks(rows: readonly MobilityRow[]): MobilityLinks {
  const close = new Map<string, Set<string>>();
  const evolution = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.code_rome === row.code_rome_cible) continue;
    const table = (row.libelle_type_mobilite ?? '').trim().toLowerCase().startsWith('evol') ? evolution : close;
    const targets = table.get(row.code_rome) ?? new Set<string>();
    targets.add(row.code_rome_cible);
    table.set(row.code_rome, targets);
  }
  const links: MobilityLinks = {};
  for (const code of new Set([...close.keys(), ...evolution.keys()])) {
    links[code] = [...new Set([...(close.get(code) ?? []), ...(evolution.get(code) ?? [])])];
  }
  return links;
}
