import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { listSizeHints } from '../../../../../lib/limits/list-size.js';
import { civicCeilingExplained, civicCreditExplained } from './civic-engagement.js';
import { ceilingExplained, correctiveTopUp, yearlyAmountExplained, yearlyCreditExplained } from './cpf-accrual.js';
import { euros, type Explanation } from './explanation.js';
import { fundingPlan } from './funding.js';
import { DEFAULT_PARAMETERS as P } from './parameters.js';
import { participation } from './participation.js';
import { pointValueExplained, trainingValueExplained } from './prevention.js';
import { projectCpf } from './projection.js';
import { totalTrainingRightsExplained } from './training-rights.js';
import { balanceAtExplained } from '../transition.js';

/** Every explanation inside a rule's result (`explanation` values and `explanations` maps). */
function explanationsIn(value: unknown): Explanation[] {
  if (Array.isArray(value)) return value.flatMap(explanationsIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record['ruleId'] === 'string' && Array.isArray(record['legalBasis'])) return [record as unknown as Explanation];
  return Object.values(record).flatMap(explanationsIn);
}

/** Inputs echoed back, not computed by the rule. */
const ECHOED = new Set(['priceCents']);

function expectExplanation(explanation: Explanation | undefined, where: string): void {
  expect(explanation, where).toBeDefined();
  expect(explanation?.rule.length, where).toBeGreaterThan(10);
  expect(explanation?.legalBasis.length, where).toBeGreaterThan(0);
  expect(explanation?.effectiveFrom, where).toMatch(/^(19|20)\d{2}-\d{2}-\d{2}$/);
  for (const basis of explanation?.legalBasis ?? []) expect(basis.url ?? 'https://www.legifrance.gouv.fr/', where).toMatch(/^https:\/\/www\.legifrance\.gouv\.fr\//);
}

/**
 * Every money field a rules function computes carries its explanation: `{ cents, explanation }`
 * values, and `<name>Cents` fields of a result beside `explanations[<name>]`.
 */
function expectAllExplained(value: unknown, where: string): number {
  if (Array.isArray(value)) return value.reduce((count: number, item, index) => count + expectAllExplained(item, `${where}[${index}]`), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const record = value as Record<string, unknown>;
  if (typeof record['cents'] === 'number') {
    expectExplanation(record['explanation'] as Explanation | undefined, where);
    return 1;
  }
  let count = 0;
  for (const [key, field] of Object.entries(record)) {
    if (key.endsWith('Cents') && typeof field === 'number' && !ECHOED.has(key)) {
      const explanations = record['explanations'] as Record<string, Explanation> | undefined;
      expectExplanation(explanations?.[key.slice(0, -'Cents'.length)], `${where}.${key}`);
      count += 1;
    }
  }
  return count;
}

describe('every amount a rule computes explains itself (#17.3)', () => {
  const today = '2026-11-29';
  const computed: [string, unknown][] = [
    ['yearlyCreditExplained', yearlyCreditExplained('STANDARD', { employeeShare: 0.4, independentShare: 0.2 }, P, 2027)],
    ['yearlyCreditExplained (none)', yearlyCreditExplained('STANDARD', { employeeShare: 0, independentShare: 0 }, P)],
    ['yearlyCreditExplained (ESAT)', yearlyCreditExplained('ESAT', { employeeShare: 0.3, independentShare: 0 }, P)],
    ['ceilingExplained', ceilingExplained('LOW_QUALIFICATION', P)],
    ['yearlyAmountExplained', yearlyAmountExplained('DISABILITY', P)],
    ['correctiveTopUp', correctiveTopUp({ headcount: 60, interviewsHeld: false, nonMandatoryTraining: false }, P)],
    ['pointValueExplained', pointValueExplained(today, P)],
    ['trainingValueExplained', trainingValueExplained(56, today, P)],
    ['totalTrainingRightsExplained', totalTrainingRightsExplained(270_000, 56, today, P)],
    ['civicCreditExplained', civicCreditExplained(48_000, P)],
    ['civicCeilingExplained', civicCeilingExplained(P)],
    ['participation', participation({ date: today, registeredJobSeeker: false, employerTopUpCents: 0 }, P)],
    ['participation (exempt)', participation({ date: today, registeredJobSeeker: true, employerTopUpCents: 0 }, P)],
    ['fundingPlan', fundingPlan({ priceCents: 380_120, cpfEligible: true, cpfBalanceCents: 270_000, preventionPointsReserved: 20, preventionPointsAvailable: 56, registeredJobSeeker: false, employerTopUpCents: 0, date: today }, P)],
    ['fundingPlan (RS cap)', fundingPlan({ priceCents: 240_996, cpfEligible: true, cpfBalanceCents: 500_000, preventionPointsReserved: 0, registeredJobSeeker: false, employerTopUpCents: 10_000, action: { kind: 'RS_CERTIFICATION' }, date: today }, P)],
    ['projectCpf', projectCpf({ balanceCents: 100_000, regime: 'STANDARD', today, periods: [{ start: '2027-01-01', end: '2027-06-30', kind: 'FULL_TIME' }, { start: '2027-07-01', end: '2028-12-31', kind: 'INDEPENDENT' }], correctiveTopUpYears: [2028] }, P)],
  ];

  const projection = projectCpf({ balanceCents: 100_000, regime: 'STANDARD', today, periods: [{ start: '2027-01-01', end: '2027-12-31', kind: 'FULL_TIME' }] }, P);
  computed.push(
    ['balanceAtExplained (a projected credit booked)', balanceAtExplained('2028-09-01', 100_000, projection, 'STANDARD', P)],
    ['balanceAtExplained (none booked yet)', balanceAtExplained('2027-02-01', 100_000, projection, 'STANDARD', P)],
  );

  it('lists every exported *Explained rule of domain/rules and the transition plan', async () => {
    const modules = await Promise.all(
      ['./civic-engagement.js', './cpf-accrual.js', './prevention.js', './training-rights.js', './funding.js', './participation.js', './projection.js', '../transition.js'].map(async (path) => (await import(path)) as Record<string, unknown>),
    );
    const explainedRules = modules.flatMap((module) => Object.entries(module).filter(([name, value]) => typeof value === 'function' && name.endsWith('Explained')).map(([name]) => name));
    const listed = new Set(computed.map(([label]) => label.split(' ')[0]));
    expect(explainedRules.length).toBeGreaterThan(5);
    expect(explainedRules.filter((name) => !listed.has(name))).toEqual([]);
  });

  it.each(computed)('%s', (name, value) => {
    expect(expectAllExplained(value, name)).toBeGreaterThan(0);
  });

  it("never lists more texts or inputs than the SDL's @listSize hints the cost estimate prices (#12, #18)", () => {
    const sdl = parse(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
    const hints = listSizeHints(sdl);
    const texts = hints.get('Explanation.legalBasis');
    const inputs = hints.get('Explanation.inputs');
    const explanations = computed.flatMap(([, value]) => explanationsIn(value));
    expect(texts).toBeDefined();
    expect(inputs).toBeDefined();
    expect(explanations.length).toBeGreaterThan(computed.length);
    const most = (pick: (explanation: Explanation) => number) => Math.max(...explanations.map(pick));
    expect(most((explanation) => explanation.legalBasis.length)).toBeLessThanOrEqual(texts ?? 0);
    expect(most((explanation) => explanation.inputs.length)).toBeLessThanOrEqual(inputs ?? 0);
  });

  it('a participation explanation is built from its parameter row, not free text', () => {
    const { explanation } = participation({ date: today, registeredJobSeeker: false, employerTopUpCents: 0 }, P);
    const row = P.participation.at(-1);
    expect(explanation.effectiveFrom).toBe(row?.from);
    expect(explanation.legalBasis).toEqual(row?.basis);
    expect(explanation.rule).toContain(euros(row?.value ?? 0));
  });
});
