import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS as P, valueAt, withOverrides } from './parameters.js';
import { pointsForQuarter, pointsForYear, pointsReservedForTraining, pointValueCents, pointValueExplained, trainingValueExplained } from './prevention.js';

describe('C2P points (L4163-1 and following; reform of 1 Sep 2023)', () => {
  it.each([
    { case: 'one factor, a full year since the reform', year: 2024, factors: 1, points: 4 },
    { case: 'two factors since the reform: 4 per factor, no annual cap', year: 2024, factors: 2, points: 8 },
    { case: 'three factors since the reform', year: 2025, factors: 3, points: 12 },
    { case: 'three factors before the reform: 2 points a quarter at most', year: 2022, factors: 3, points: 8 },
    { case: 'one factor before the reform', year: 2020, factors: 1, points: 4 },
    { case: 'three factors in 2023: Q1–Q2 capped, Q3 (from 1 Jul) capped, Q4 uncapped', year: 2023, factors: 3, points: 2 + 2 + 2 + 3 },
    { case: 'no exposure', year: 2024, factors: 0, points: 0 },
  ])('$case → $points points', ({ year, factors, points }) => {
    expect(pointsForYear(year, factors, P)).toBe(points);
  });

  it('counts per quarter of exposure (1 point per quarter per factor)', () => {
    expect(pointsForQuarter(2, '2024-04-01', P)).toBe(2);
  });

  it.each([
    { case: 'first 20 points untouched', acquired: 56, usedForTraining: 0, available: 56, reserved: 20 },
    { case: 'fewer than 20 acquired', acquired: 12, usedForTraining: 0, available: 12, reserved: 12 },
    { case: 'some reserved points spent on training', acquired: 40, usedForTraining: 15, available: 25, reserved: 5 },
    { case: 'reserved points spent', acquired: 40, usedForTraining: 20, available: 20, reserved: 0 },
  ])('R4163-11 reserved for training: $case → $reserved', ({ acquired, usedForTraining, available, reserved }) => {
    expect(pointsReservedForTraining({ pointsAcquired: acquired, pointsUsedForTraining: usedForTraining, pointsAvailable: available }, P)).toBe(reserved);
  });

  it.each([
    { birthDate: '1959-12-31', reserved: 0 },
    { birthDate: '1960-01-01', reserved: 10 },
    { birthDate: '1962-12-31', reserved: 10 },
    { birthDate: '1963-01-01', reserved: 20 },
    { birthDate: null, reserved: 20 },
  ])('R4163-13 reserved points by birth date $birthDate → $reserved', ({ birthDate, reserved }) => {
    expect(pointsReservedForTraining({ pointsAcquired: 56, pointsUsedForTraining: 0, pointsAvailable: 56 }, P, birthDate)).toBe(reserved);
  });

  it('point value: 375 € from 1 Jan 2019 (décret 2018-1256, read), 500 € from 1 Sep 2023 (décret 2023-760)', () => {
    expect(pointValueCents('2018-12-31', P)).toBe(0);
    expect(pointValueCents('2019-01-01', P)).toBe(37_500);
    expect(pointValueCents('2023-08-31', P)).toBe(37_500);
    expect(pointValueCents('2023-09-01', P)).toBe(50_000);
    expect(valueAt(P.c2p.pointValue, '2019-06-01')?.confirmed).toBe(true);
    expect(pointValueExplained('2020-01-01', P).explanation.legalBasis[1]?.url).toBe('https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037864661');
    const overridden = withOverrides(P, { c2pPointValue: { cents: 45_000, from: '2026-01-01' } });
    expect(pointValueCents('2026-11-29', overridden)).toBe(45_000);
    expect(pointValueCents('2025-06-01', overridden)).toBe(50_000);
  });

  it('training value: every available point (W000003: 56 × 500 € = 28,000 €)', () => {
    expect(trainingValueExplained(56, '2026-03-01', P).cents).toBe(2_800_000);
  });
});
