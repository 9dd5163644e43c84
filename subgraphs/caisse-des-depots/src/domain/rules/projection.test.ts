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
    expect(rows).toMatchObject([
      { year: 2026, earnedCents: 80_000, creditedCents: 15_000, topUpCents: 0, balanceCents: 800_000, ceilingReached: true },
      { year: 2027, earnedCents: 80_000, creditedCents: 0, topUpCents: 0, balanceCents: 800_000, ceilingReached: true },
    ]);
  });

  it('short contracts and unemployment: a 3-month CDD earns a quarter (3 of 12 months), unemployment nothing, gaps nothing', () => {
    const rows = project(0, [
      { start: '2027-01-01', end: '2027-03-31', kind: 'FIXED_TERM' },
      { start: '2027-04-01', end: '2027-12-31', kind: 'UNEMPLOYED' },
      { start: '2029-01-01', end: '2029-12-31', kind: 'INDEPENDENT' },
    ]);
    expect(rows.map((row) => [row.year, row.earnedCents])).toEqual([
      [2027, 12_500],
      [2028, 0],
      [2029, 50_000],
    ]);
  });

  it('seven months full time reach half-time over the year: full credit', () => {
    expect(project(0, [{ start: '2027-01-01', end: '2027-07-31', kind: 'FIXED_TERM' }])[0]?.earnedCents).toBe(50_000);
  });

  it('a worker across the #11 cases, year by year (hours vs 1,607 h, independents pro rata, mixed years, ESAT, corrective top-up)', () => {
    const rows = projectCpf({
      balanceCents: 0,
      regime: 'STANDARD',
      today,
      periods: [
        // 2026: full time January–June = 803.5 h, half of 1,607 h: the full 500 €.
        { start: '2026-01-01', end: '2026-06-30', kind: 'FULL_TIME' },
        // 2027: self-employed June–December, 7 months: 500 × 7/12 = 291.666… → 291.67 € (rounded up, R6323-1).
        { start: '2027-06-01', end: '2027-12-31', kind: 'INDEPENDENT' },
        // 2028: employee 4 months full time (535.67 h → 166.67 €) then self-employed 3 months (125 €): separate bases.
        { start: '2028-01-01', end: '2028-04-30', kind: 'FULL_TIME' },
        { start: '2028-06-01', end: '2028-08-31', kind: 'INDEPENDENT' },
        // 2029: employee 6 months full time (500 €) + self-employed 6 months (250 €): within the most favourable 500 €.
        { start: '2029-01-01', end: '2029-06-30', kind: 'FULL_TIME' },
        { start: '2029-07-01', end: '2029-12-31', kind: 'INDEPENDENT' },
        // 2030: ESAT two months, part time or not: 800 € for the year of admission (L6323-34).
        { start: '2030-03-01', end: '2030-04-30', kind: 'ESAT' },
        // 2031: part time at 40 %: 642.8 h → 200 €.
        { start: '2031-01-01', end: '2031-12-31', kind: 'PART_TIME', workingTimeRatio: 0.4 },
      ],
      correctiveTopUpYears: [2031],
    }, P);
    expect(rows.map((row) => [row.year, row.earnedCents, row.creditedCents, row.topUpCents, row.balanceCents])).toEqual([
      [2026, 50_000, 50_000, 0, 50_000],
      [2027, 29_167, 29_167, 0, 79_167],
      [2028, 16_667 + 12_500, 29_167, 0, 108_334],
      [2029, 50_000, 50_000, 0, 158_334],
      [2030, 80_000, 80_000, 0, 238_334],
      [2031, 20_000, 20_000, 300_000, 558_334],
    ]);
    const explanation = rows[1]?.explanations.earned;
    expect(explanation?.rule).toContain('291,67 €');
    expect(explanation?.inputs).toContainEqual({ name: 'independentShare', value: '0.5833' });
    expect(explanation?.legalBasis.map((basis) => basis.article)).toEqual(expect.arrayContaining(['L6323-27', 'R6323-1']));
  });

  it('a corrective top-up goes beyond the ceiling', () => {
    const rows = projectCpf({ balanceCents: 500_000, regime: 'STANDARD', today, periods: [{ start: '2027-01-01', end: '2027-12-31', kind: 'FULL_TIME' }], correctiveTopUpYears: [2027] }, P);
    expect(rows).toMatchObject([{ year: 2027, creditedCents: 0, topUpCents: 300_000, balanceCents: 800_000, ceilingReached: true }]);
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
