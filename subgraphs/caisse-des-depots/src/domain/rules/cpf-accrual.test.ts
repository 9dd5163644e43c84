import { describe, expect, it } from 'vitest';
import { applyCredit, ceilingExplained, correctiveTopUp, yearlyCredit, yearlyCreditExplained } from './cpf-accrual.js';
import { civicCredit, qualifies } from './civic-engagement.js';
import { DEFAULT_PARAMETERS as P } from './parameters.js';

describe('CPF yearly credit (Code du travail R6323-1, L6323-11, L6323-11-1; euros since 1 Jan 2019)', () => {
  it.each([
    // The example: 60 % is ABOVE half of the legal working time, so no pro rata: the full 500 € (R6323-1).
    { case: 'part-time at 60 % for a year', regime: 'STANDARD', employee: 0.6, independent: 0, cents: 50_000 },
    { case: 'exactly half-time', regime: 'STANDARD', employee: 0.5, independent: 0, cents: 50_000 },
    // Below half-time the credit is pro rata of the time worked: 40 % of 500 € (R6323-1).
    { case: 'part-time at 40 %', regime: 'STANDARD', employee: 0.4, independent: 0, cents: 20_000 },
    { case: 'full time', regime: 'STANDARD', employee: 1, independent: 0, cents: 50_000 },
    { case: 'low qualification, full time (L6323-11-1)', regime: 'LOW_QUALIFICATION', employee: 1, independent: 0, cents: 80_000 },
    { case: 'low qualification at 40 %', regime: 'LOW_QUALIFICATION', employee: 0.4, independent: 0, cents: 32_000 },
    { case: 'disability (OETH), full time', regime: 'DISABILITY', employee: 1, independent: 0, cents: 80_000 },
    { case: 'independent worker (L6323-25)', regime: 'INDEPENDENT', employee: 0, independent: 1, cents: 50_000 },
    { case: 'low qualification but self-employed all year: independents rate', regime: 'LOW_QUALIFICATION', employee: 0, independent: 1, cents: 50_000 },
    { case: 'a year without activity', regime: 'STANDARD', employee: 0, independent: 0, cents: 0 },
    { case: 'a 3-month full-time fixed-term contract', regime: 'STANDARD', employee: 0.25, independent: 0, cents: 12_500 },
  ] as const)('$case → $cents cents', ({ regime, employee, independent, cents }) => {
    expect(yearlyCredit(regime, { employeeShare: employee, independentShare: independent }, P)).toBe(cents);
  });

  it.each([
    { case: 'below the ceiling', balance: 300_000, credit: 50_000, ceiling: 500_000, after: 350_000, credited: 50_000, capped: false },
    { case: 'low-qualification worker near the 8,000 € ceiling', balance: 785_000, credit: 80_000, ceiling: 800_000, after: 800_000, credited: 15_000, capped: true },
    { case: 'at the ceiling', balance: 500_000, credit: 50_000, ceiling: 500_000, after: 500_000, credited: 0, capped: true },
    { case: 'above the ceiling after top-ups: kept, no credit', balance: 620_000, credit: 50_000, ceiling: 500_000, after: 620_000, credited: 0, capped: true },
  ])('ceiling (L6323-11): $case', ({ balance, credit, ceiling, after, credited, capped }) => {
    expect(applyCredit(balance, credit, ceiling)).toEqual({ balanceCents: after, creditedCents: credited, capped });
  });
});

describe('CEC (L5151-11, D5151-13/14): 240 € a year within 720 €', () => {
  it.each([
    { acquired: 0, credit: 24_000 },
    { acquired: 48_000, credit: 24_000 },
    { acquired: 72_000, credit: 0 },
    { acquired: 60_000, credit: 12_000 },
  ])('after $acquired cents acquired, one more year credits $credit', ({ acquired, credit }) => {
    expect(civicCredit(acquired, P)).toBe(credit);
  });

  it.each([
    { kind: 'VOLUNTEERING', hours: 199, ok: false },
    { kind: 'VOLUNTEERING', hours: 200, ok: true },
    { kind: 'CIVIC_SERVICE', hours: 0, ok: true },
  ] as const)('$kind with $hours h qualifies: $ok', ({ kind, hours, ok }) => {
    expect(qualifies(kind, hours, P)).toBe(ok);
  });
});

describe('accrual on hours, per category (#11 point 3)', () => {
  it.each([
    { case: 'half of 1,607 h exactly: full credit', year: { employeeShare: 0, independentShare: 0, employeeHours: 803.5 }, cents: 50_000 },
    { case: 'just under half: pro rata of the hours, rounded up to the cent', year: { employeeShare: 0, independentShare: 0, employeeHours: 803 }, cents: 24_985 },
    { case: 'self-employed 7 months: 500 × 7/12 = 291.67 €', year: { employeeShare: 0, independentShare: 7 / 12 }, cents: 29_167 },
    { case: 'mixed: 4 months employee + 3 months independent, credited separately', year: { employeeShare: 4 / 12, independentShare: 3 / 12 }, cents: 16_667 + 12_500 },
    { case: 'mixed within the most favourable yearly amount', year: { employeeShare: 0.5, independentShare: 0.5 }, cents: 50_000 },
    { case: 'ESAT, any admission: 800 €', year: { employeeShare: 0.1, independentShare: 0, esat: true }, cents: 80_000 },
  ])('$case', ({ year, cents }) => {
    expect(yearlyCredit('STANDARD', year, P)).toBe(cents);
  });

  it('ESAT regime: 800 € a year up to 8,000 €, no pro rata', () => {
    expect(yearlyCredit('ESAT', { employeeShare: 0.2, independentShare: 0 }, P)).toBe(80_000);
    expect(ceilingExplained('ESAT', P).cents).toBe(800_000);
  });

  it.each([
    { headcount: 50, interviewsHeld: false, nonMandatoryTraining: false, cents: 300_000 },
    { headcount: 49, interviewsHeld: false, nonMandatoryTraining: false, cents: 0 },
    { headcount: 200, interviewsHeld: false, nonMandatoryTraining: true, cents: 0 },
    { headcount: 200, interviewsHeld: true, nonMandatoryTraining: false, cents: 0 },
  ])('corrective top-up (L6323-13, R6323-3): $headcount employees, interviews $interviewsHeld, training $nonMandatoryTraining → $cents', (input) => {
    const { cents, ...rest } = input;
    expect(correctiveTopUp(rest, P).cents).toBe(cents);
  });

  it('explains a credit with the texts and inputs it used', () => {
    const { explanation } = yearlyCreditExplained('STANDARD', { employeeShare: 0.4, independentShare: 0 }, P, 2027);
    expect(explanation).toMatchObject({ ruleId: 'cpf.yearly-credit', effectiveFrom: '2019-01-01', confirmed: false });
    expect(explanation.rule).toContain('200,00 €');
    expect(explanation.inputs).toContainEqual({ name: 'employeeHours', value: '642.8' });
    expect(explanation.legalBasis.map((basis) => basis.article)).toEqual(expect.arrayContaining(['L6323-11', 'R6323-1']));
  });
});
