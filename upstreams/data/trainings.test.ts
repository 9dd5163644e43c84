import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../lib/validation/codes.js';
import { buildWorld } from './world.js';
import { buildTrainings, lheoDateToIso, TRAINING_COUNT } from './trainings.js';

describe('buildTrainings', () => {
  const world = buildWorld();
  const trainings = buildTrainings(world);

  it('builds at least 5,000 trainings with unique, stable LHEO numbers', () => {
    expect(trainings.length).toBe(TRAINING_COUNT);
    expect(TRAINING_COUNT).toBeGreaterThanOrEqual(5000);
    expect(new Set(trainings.map((training) => training.id)).size).toBe(trainings.length);
    expect(trainings.every((training) => /^F\d{7}$/.test(training.id))).toBe(true);
    expect(buildTrainings(world)).toBe(trainings);
  });

  it('places trainings in every region', () => {
    const regions = new Set(world.refs.communes.filter((c) => c.population > 0 && Number.isFinite(c.latitude)).map((c) => c.region));
    const covered = new Set(trainings.map((training) => training.actions[0]?.commune.region));
    for (const region of regions) expect(covered.has(region), `region ${region}`).toBe(true);
  });

  it('links providers and certifications of the world, CPF eligibility only for trainings on an active certification', () => {
    const certifying = trainings.filter((training) => training.certification !== null);
    expect(certifying.length / trainings.length).toBeGreaterThan(0.7);
    expect(certifying.length / trainings.length).toBeLessThan(0.8);
    const eligible = trainings.filter((training) => training.cpfEligible);
    expect(eligible.every((training) => training.certification?.active === true)).toBe(true);
    const active = certifying.filter((training) => training.certification?.active === true);
    expect(eligible.length / active.length).toBeGreaterThan(0.55);
    expect(eligible.length / active.length).toBeLessThan(0.65);
    for (const training of trainings) {
      expect(world.providerBySiret.get(training.provider.siret)).toBe(training.provider);
      expect(isValidSiret(training.provider.siret)).toBe(true);
      expect(training.formacodes.length).toBeGreaterThan(0);
      expect(training.actions.length).toBeGreaterThan(0);
      for (const action of training.actions) {
        expect(action.sessions.length).toBeGreaterThanOrEqual(1);
        expect(action.sessions.length).toBeLessThanOrEqual(4);
      }
      if (training.certification) expect(training.formacodes).toEqual(training.certification.formacodes);
    }
  });

  it('uses LHEO partial dates and both price forms', () => {
    const sessions = trainings.flatMap((training) => training.actions.flatMap((action) => action.sessions));
    expect(sessions.some((session) => session.start === '00000000')).toBe(true);
    expect(sessions.some((session) => /^\d{6}00$/.test(session.start) && !session.start.endsWith('0000'))).toBe(true);
    const prices = trainings.flatMap((training) => training.actions.map((action) => action.priceCents));
    expect(prices.some((price) => price !== null && price % 100 === 0)).toBe(true);
    expect(prices.some((price) => price !== null && price % 100 !== 0)).toBe(true);
  });

  it('is identical for the same seed', () => {
    const other = buildTrainings({ ...world, seed: world.seed });
    expect(other.slice(0, 50).map((t) => [t.id, t.title, t.provider.siret])).toEqual(trainings.slice(0, 50).map((t) => [t.id, t.title, t.provider.siret]));
  });
});

describe('lheoDateToIso', () => {
  it('reads full, month-only, year-only and unknown dates', () => {
    expect(lheoDateToIso('20260915')).toBe('2026-09-15');
    expect(lheoDateToIso('20260900')).toBe('2026-09-01');
    expect(lheoDateToIso('20260000')).toBe('2026-01-01');
    expect(lheoDateToIso('00000000')).toBeNull();
  });
});
