import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { repoPath } from '../../../../../lib/paths.js';
import type { TensionFigures, TensionTable } from '../../domain/labour-market.js';

/**
 * France Travail's 2020 labour-market figures (`data/reference/labour-market-tension-2020.csv`,
 * 27,053 rows of ROME × employment basin), parsed once at start with csv-parse and held in memory:
 * reference data that never changes while the process runs. French column names stop here.
 */
interface Row {
  offersRegistered: number;
  jobSeekers: number;
  index: number | null;
}

const count = (value: string | undefined): number => {
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : 0;
};

export function loadTensionTable(file = repoPath('data', 'reference', 'labour-market-tension-2020.csv')): TensionTable {
  const rows = parse(readFileSync(file, 'utf8'), { delimiter: ';', columns: true, bom: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
  const byBasin = new Map<string, Map<string, Row>>();
  const years = new Set<number>();
  for (const row of rows) {
    const rome = (row['ROME'] ?? '').trim().toUpperCase();
    const basin = (row['cbassin'] ?? '').trim();
    if (!/^[A-N]\d{4}$/.test(rome) || !/^\d{4}$/.test(basin)) continue;
    years.add(Number(row['annee']));
    const index = Number(row['ind_tension_d']);
    const romes = byBasin.get(basin) ?? new Map<string, Row>();
    romes.set(rome, { offersRegistered: count(row['oee']), jobSeekers: count(row['defm_abc']), index: Number.isInteger(index) && index >= 1 && index <= 5 ? index : null });
    byBasin.set(basin, romes);
  }
  if (years.size !== 1) throw new Error(`${file}: expected the figures of one year, found ${[...years].join(', ') || 'none'}`);
  const year = [...years][0] as number;

  const sum = (romeCode: string, basins: readonly string[], single: boolean): TensionFigures | null => {
    let figures: TensionFigures | null = null;
    for (const basin of basins) {
      const row = byBasin.get(basin)?.get(romeCode);
      if (!row) continue;
      figures ??= { year, offersRegistered: 0, jobSeekers: 0, index: single ? row.index : null, basins: 0 };
      figures.offersRegistered += row.offersRegistered;
      figures.jobSeekers += row.jobSeekers;
      figures.basins += 1;
    }
    return figures;
  };

  return {
    year,
    figures: sum,
    occupations(basins, single) {
      const romes = new Set(basins.flatMap((basin) => [...(byBasin.get(basin)?.keys() ?? [])]));
      return [...romes]
        .map((romeCode) => ({ romeCode, figures: sum(romeCode, basins, single) as TensionFigures }))
        .sort((a, b) => b.figures.offersRegistered - a.figures.offersRegistered || a.romeCode.localeCompare(b.romeCode));
    },
  };
}
