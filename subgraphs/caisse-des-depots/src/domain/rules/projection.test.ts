import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../lib/errors/index.js';
import { DEFAULT_PARAMETERS as P } from './parameters.js';
import { projectCpf, type ActivityPeriod } from './projection.js';

const today = '2026-11-29';
const project = (balanceCents: number, periods: ActivityPeriod[], regime: 'STANDARD' | 'LOW_QUALIFICATION' = 'STANDARD') =>
  projectCpf({ balanceCents, regime, today, periods }, P);

describe('CPF projection', () => {
  it('full time, then part-time at 60 % (full credit, R6323-1), then 40 % (pro rata)', () => {
    const rows = project(100_000, [
      { start: '2026-01-01', end: '2026-12-31', kind: 'FULL_TIME' },
      { start: '2027-01-01', end: '2027-12-31', kind: 'PART_TIME', workingTimeRatio: 0.6 },
      { start: '2028-01-01', end: '2028-12-31', kind: 'PART_TIME', workingTimeRatio: 0.4 },
    ]);
    expect(rows.map((row) => [row.year, row.earnedCents, row.balanceCents])).toEqual([
      [2026, 50_000, 150_000],
      [2027, 50_000, 200_000],
      [2028, 20_000, 220_000],
    ]);
  });

  it('a low-qualification worker near the ceiling stops at 8,000 €', () => {
    const rows = project(785_000, [{ start: '2026-01-01', end: '2027-12-31', kind: 'FULL_TIME' }], 'LOW_QUALIFICATION');
    expect(rows).toEqual([
      { year: 2026, earnedCents: 80_000, creditedCents: 15_000, balanceCents: 800_000, ceilingReached: true },
      { year: 2027, earnedCents: 80_000, creditedCents: 0, balanceCents: 800_000, ceilingReached: true },
    ]);
  });

  it('short contracts and unemployment: a 3-month CDD earns a quarter, unemployment nothing, gaps nothing', () => {
    const rows = project(0, [
      { start: '2027-01-01', end: '2027-03-31', kind: 'FIXED_TERM' },
      { start: '2027-04-01', end: '2027-12-31', kind: 'UNEMPLOYED' },
      { start: '2029-01-01', end: '2029-12-31', kind: 'INDEPENDENT' },
    ]);
    expect(rows.map((row) => [row.year, row.earnedCents])).toEqual([
      [2027, Math.round((90 / 365) * 50_000)],
      [2028, 0],
      [2029, 50_000],
    ]);
  });

  it('seven months full time reach half-time over the year: full credit', () => {
    expect(project(0, [{ start: '2027-01-01', end: '2027-07-31', kind: 'FIXED_TERM' }])[0]?.earnedCents).toBe(50_000);
  });

  const badCases: { case: string; periods: ActivityPeriod[]; argument: string }[] = [
    { case: 'end before start', periods: [{ start: '2027-05-01', end: '2027-04-01', kind: 'FULL_TIME' }], argument: 'activity[0].end' },
    { case: 'not a date', periods: [{ start: '2027-02-30', end: '2027-04-01', kind: 'FULL_TIME' }], argument: 'activity[0].start' },
    { case: 'overlap', periods: [{ start: '2027-01-01', end: '2027-06-30', kind: 'FULL_TIME' }, { start: '2027-06-30', end: '2027-12-31', kind: 'UNEMPLOYED' }], argument: 'activity' },
    { case: 'ratio above 1', periods: [{ start: '2027-01-01', end: '2027-12-31', kind: 'PART_TIME', workingTimeRatio: 1.2 }], argument: 'activity[0].workingTimeRatio' },
    { case: 'ratio zero', periods: [{ start: '2027-01-01', end: '2027-12-31', kind: 'PART_TIME', workingTimeRatio: 0 }], argument: 'activity[0].workingTimeRatio' },
    { case: 'part time without ratio', periods: [{ start: '2027-01-01', end: '2027-12-31', kind: 'PART_TIME' }], argument: 'activity[0].workingTimeRatio' },
    { case: 'ratio on unemployment', periods: [{ start: '2027-01-01', end: '2027-12-31', kind: 'UNEMPLOYED', workingTimeRatio: 0.5 }], argument: 'activity[0].workingTimeRatio' },
    { case: 'beyond 30 years', periods: [{ start: '2027-01-01', end: '2057-01-01', kind: 'FULL_TIME' }], argument: 'activity[0].end' },
    { case: 'an already credited year', periods: [{ start: '2025-01-01', end: '2025-12-31', kind: 'FULL_TIME' }], argument: 'activity[0].start' },
  ];
  it.each(badCases)('rejects $case with BAD_USER_INPUT naming $argument', ({ periods, argument }) => {
    let caught: unknown;
    try {
      project(0, periods);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('no periods, no rows', () => {
    expect(project(10_000, [])).toEqual([]);
  });
});
