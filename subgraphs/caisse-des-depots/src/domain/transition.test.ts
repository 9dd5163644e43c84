import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS as P } from './rules/parameters.js';
import { projectCpf } from './rules/projection.js';
import { balanceAt, rankPaths, type TransitionPathModel } from './transition.js';

type Row = Omit<TransitionPathModel, 'rank'>;
const row = (id: string, start: string, distanceKm: number | null, rate: number | null, remainingCents: number | null): Row => ({
  candidate: { id, start, distanceKm, returnToWorkRate: rate },
  projectedCpfCents: null,
  projectedCpf: null,
  funding: null,
  remainingCents,
});

const rows: Row[] = [
  row('A~1~', '2027-03-01', 12, 60, 30_000),
  row('B~1~', '2027-01-15', 3, null, 10_000),
  row('C~1~', '2027-01-15', 25, 80, null),
  row('D~1~', '2027-02-01', null, 70, 10_000),
];
const order = (by: Parameters<typeof rankPaths>[1]) => rankPaths(rows, by, 10).map((path) => path.candidate.id[0]);

describe('transition ranking', () => {
  it('each criterion in its direction, a missing figure last, ties to START_DATE then DISTANCE then id', () => {
    expect(order('REMAINING_COST')).toEqual(['B', 'D', 'A', 'C']);
    expect(order('RETURN_TO_WORK_RATE')).toEqual(['C', 'D', 'A', 'B']);
    expect(order('DISTANCE')).toEqual(['B', 'A', 'C', 'D']);
    // B and C start the same day: the nearer comes first.
    expect(order('START_DATE')).toEqual(['B', 'C', 'D', 'A']);
  });

  it('cuts to `first` after ranking and numbers from 1', () => {
    const ranked = rankPaths(rows, 'DISTANCE', 2);
    expect(ranked.map((path) => [path.rank, path.candidate.id])).toEqual([[1, 'B~1~'], [2, 'A~1~']]);
  });
});

describe('CPF at a session date', () => {
  const projection = projectCpf(
    { balanceCents: 100_000, regime: 'STANDARD', today: '2026-12-02', periods: [
      { start: '2026-01-01', end: '2026-06-30', kind: 'FIXED_TERM' },
      { start: '2027-01-01', end: '2027-12-31', kind: 'PART_TIME', workingTimeRatio: 0.3 },
    ] },
    P,
  );

  it("a year's credit counts from 30 April of the next year, through the projection's own rows", () => {
    const [y2026, y2027] = projection;
    expect(balanceAt('2027-04-29', 100_000, projection)).toBe(100_000);
    expect(balanceAt('2027-04-30', 100_000, projection)).toBe(y2026?.balanceCents);
    expect(balanceAt('2028-05-02', 100_000, projection)).toBe(y2027?.balanceCents);
    // A full-time CDD from January to June reaches half of 1,607 h over the year: the full 500 € (R6323-1, domain/rules).
    expect(y2026?.earnedCents).toBe(50_000);
  });

  it('without planned activity the balance stays as the Caisse des dépôts reports it', () => {
    expect(balanceAt('2030-01-01', 42_000, [])).toBe(42_000);
  });
});
