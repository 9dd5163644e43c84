import { describe, expect, it } from 'vitest';
import { fundingPlan, type FundingInput } from './funding.js';
import { DEFAULT_PARAMETERS as P, withOverrides } from './parameters.js';
import { participation } from './participation.js';

const aPurchase = (overrides: Partial<FundingInput> = {}): FundingInput => ({
  priceCents: 150_000,
  cpfEligible: true,
  cpfBalanceCents: 500_000,
  preventionPointsReserved: 0,
  registeredJobSeeker: false,
  employerTopUpCents: 0,
  date: '2025-06-01',
  ...overrides,
});

describe('flat participation (L6323-4 III, décret 2024-394)', () => {
  it.each([
    { case: 'before 2 May 2024: not in force', date: '2024-05-01', jobSeeker: false, topUp: 0, cents: 0, exemption: 'NOT_IN_FORCE' },
    { case: '100 € from 2 May 2024', date: '2024-05-02', jobSeeker: false, topUp: 0, cents: 10_000, exemption: null },
    { case: '102.23 € from 1 Jan 2025 (arrêté 26 Dec 2024)', date: '2025-01-01', jobSeeker: false, topUp: 0, cents: 10_223, exemption: null },
    { case: 'registered job seeker: exempt', date: '2025-06-01', jobSeeker: true, topUp: 0, cents: 0, exemption: 'JOB_SEEKER' },
    { case: 'employer/OPCO co-funding: exempt', date: '2025-06-01', jobSeeker: false, topUp: 50_000, cents: 0, exemption: 'EMPLOYER_TOP_UP' },
  ] as const)('$case', ({ date, jobSeeker, topUp, cents, exemption }) => {
    expect(participation({ date, registeredJobSeeker: jobSeeker, employerTopUpCents: topUp }, P)).toEqual({ cents, exemption });
  });

  it('2026 value is unconfirmed configuration, overridable', () => {
    expect(participation({ date: '2026-03-01', registeredJobSeeker: false, employerTopUpCents: 0 }, P).cents).toBe(10_223);
    const overridden = withOverrides(P, { participation: { cents: 10_400, from: '2026-01-01' } });
    expect(participation({ date: '2026-03-01', registeredJobSeeker: false, employerTopUpCents: 0 }, overridden).cents).toBe(10_400);
  });
});

describe('funding plan: CPF, then C2P points reserved for training, then participation', () => {
  it('balance covers the price: the participation is still due (it is not a percentage)', () => {
    expect(fundingPlan(aPurchase(), P)).toMatchObject({ cpfCents: 150_000, preventionCents: 0, participationCents: 10_223, remainingCents: 10_223, coveredInFull: false });
  });

  it('a registered job seeker is exempt: covered in full', () => {
    const plan = fundingPlan(aPurchase({ registeredJobSeeker: true }), P);
    expect(plan).toMatchObject({ cpfCents: 150_000, participationCents: 0, participationExemption: 'JOB_SEEKER', remainingCents: 0, coveredInFull: true });
  });

  it('C2P points cover the remainder after the CPF, in whole points at their training value', () => {
    const plan = fundingPlan(aPurchase({ priceCents: 400_000, cpfBalanceCents: 220_000, preventionPointsReserved: 20 }), P);
    // 1,800 € left after the CPF → 4 points at 500 € (UNCONFIRMED value) cover it.
    expect(plan).toMatchObject({ cpfCents: 220_000, preventionPoints: 4, preventionCents: 180_000, participationCents: 10_223, remainingCents: 10_223 });
  });

  it('C2P points are limited to those reserved for training', () => {
    const plan = fundingPlan(aPurchase({ priceCents: 400_000, cpfBalanceCents: 100_000, preventionPointsReserved: 3 }), P);
    expect(plan).toMatchObject({ preventionPoints: 3, preventionCents: 150_000, remainingCents: 400_000 - 100_000 - 150_000 + 10_223 });
  });

  it('a small balance leaves a remainder', () => {
    const plan = fundingPlan(aPurchase({ cpfBalanceCents: 100_000 }), P);
    expect(plan).toMatchObject({ cpfCents: 100_000, remainingCents: 50_000 + 10_223, coveredInFull: false });
  });

  it('an employer top-up pays after the rights and waives the participation', () => {
    const plan = fundingPlan(aPurchase({ cpfBalanceCents: 100_000, employerTopUpCents: 80_000 }), P);
    expect(plan).toMatchObject({ cpfCents: 100_000, employerTopUpCents: 50_000, participationCents: 0, participationExemption: 'EMPLOYER_TOP_UP', remainingCents: 0, coveredInFull: true });
  });

  it('not in the Mon Compte Formation catalogue: no CPF, no C2P, no participation', () => {
    const plan = fundingPlan(aPurchase({ cpfEligible: false, preventionPointsReserved: 20 }), P);
    expect(plan).toMatchObject({ cpfCents: 0, preventionCents: 0, participationCents: 0, participationExemption: null, remainingCents: 150_000 });
  });

  it('an empty account buys nothing through the CPF: no participation', () => {
    expect(fundingPlan(aPurchase({ cpfBalanceCents: 0 }), P)).toMatchObject({ cpfCents: 0, participationCents: 0, remainingCents: 150_000 });
  });
});
