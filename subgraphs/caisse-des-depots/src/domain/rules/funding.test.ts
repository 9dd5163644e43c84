import { describe, expect, it } from 'vitest';
import { actionKindOfCertification, isNonCertifyingEligible } from './actions.js';
import { fundingPlan, occupationalInjuryTopUpCents, type FundingInput } from './funding.js';
import { DEFAULT_PARAMETERS as P, withOverrides } from './parameters.js';
import { participation } from './participation.js';

const aPurchase = (overrides: Partial<FundingInput> = {}): FundingInput => ({
  priceCents: 150_000,
  cpfEligible: true,
  cpfBalanceCents: 500_000,
  preventionPointsReserved: 0,
  registeredJobSeeker: false,
  employerTopUpCents: 0,
  date: '2026-03-01',
  ...overrides,
});

describe('flat participation (L6323-4 III, R6323-2, décret 2024-394)', () => {
  it.each([
    { case: 'before 2 May 2024: not in force', date: '2024-05-01', cents: 0, exemption: 'NOT_IN_FORCE' },
    { case: '100 € from 2 May 2024', date: '2024-05-02', cents: 10_000, exemption: null },
    { case: '102.23 € from 1 Jan 2025 (arrêté 26 Dec 2024)', date: '2025-01-01', cents: 10_223, exemption: null },
    { case: '103.20 € from 1 Jan 2026 (arrêté 30 Dec 2025)', date: '2026-01-01', cents: 10_320, exemption: null },
  ] as const)('$case', ({ date, cents, exemption }) => {
    expect(participation({ date, registeredJobSeeker: false, employerTopUpCents: 0 }, P)).toMatchObject({ cents, exemption });
  });

  it('stays overridable by configuration from a date', () => {
    const overridden = withOverrides(P, { participation: { cents: 15_000, from: '2026-06-01' } });
    expect(participation({ date: '2026-06-01', registeredJobSeeker: false, employerTopUpCents: 0 }, overridden).cents).toBe(15_000);
    expect(participation({ date: '2026-05-31', registeredJobSeeker: false, employerTopUpCents: 0 }, overridden).cents).toBe(10_320);
  });
});

describe('funding plan: the participation is part of the price (the issue #11 table)', () => {
  it('1,240 € below the balance: CPF debited 1,136.80 €, the worker pays 103.20 €', () => {
    expect(fundingPlan(aPurchase({ priceCents: 124_000 }), P)).toMatchObject({ cpfCents: 113_680, participationCents: 10_320, remainingCents: 10_320, coveredInFull: false });
  });

  it('above the balance: the worker pays max(participation, price − balance) = 774.52 €', () => {
    expect(fundingPlan(aPurchase({ priceCents: 177_452, cpfBalanceCents: 100_000 }), P)).toMatchObject({ cpfCents: 100_000, participationCents: 10_320, remainingCents: 77_452 });
  });

  it('a shortfall below the participation: the worker pays the participation, the CPF the rest', () => {
    expect(fundingPlan(aPurchase({ priceCents: 105_000, cpfBalanceCents: 100_000 }), P)).toMatchObject({ cpfCents: 94_680, remainingCents: 10_320 });
  });

  it('C2P worker (W000003), 3,801.20 €: C2P points used, no participation, nothing to pay', () => {
    const plan = fundingPlan(aPurchase({ priceCents: 380_120, cpfBalanceCents: 270_000, preventionPointsReserved: 20, preventionPointsAvailable: 56 }), P);
    expect(plan).toMatchObject({ cpfCents: 270_000, preventionPoints: 3, preventionCents: 110_120, participationCents: 0, participationExemption: 'PREVENTION_POINTS', remainingCents: 0, coveredInFull: true });
  });

  it('C2P worker, 14,810 €: all available points pay, not only the 20 reserved ones (L4163-7)', () => {
    const plan = fundingPlan(aPurchase({ priceCents: 1_481_000, cpfBalanceCents: 270_000, preventionPointsReserved: 20, preventionPointsAvailable: 56 }), P);
    expect(plan).toMatchObject({ cpfCents: 270_000, preventionPoints: 25, preventionCents: 1_211_000, remainingCents: 0 });
  });

  it('RS certification since 26 Feb 2026: the CPF pays at most 1,500 € for the action', () => {
    const rs = aPurchase({ priceCents: 240_996, action: { kind: actionKindOfCertification('RS5000'), certificationCode: 'RS5000' } });
    expect(fundingPlan(rs, P)).toMatchObject({ capCents: 150_000, cpfCents: 150_000, remainingCents: 90_996 });
    expect(fundingPlan({ ...rs, date: '2026-02-25' }, P)).toMatchObject({ capCents: null, cpfCents: 240_996 - 10_320, remainingCents: 10_320 });
    const rncp = aPurchase({ priceCents: 240_996, action: { kind: actionKindOfCertification('RNCP34126') } });
    expect(fundingPlan(rncp, P)).toMatchObject({ capCents: null, cpfCents: 240_996 - 10_320 });
  });

  it('non-certifying eligible actions: bilan de compétences (capped 1,600 €), permis, VAE need no RNCP/RS (L6323-6)', () => {
    expect(['SKILLS_ASSESSMENT', 'DRIVING_LICENCE_LIGHT', 'DRIVING_LICENCE_HEAVY', 'VAE'].every((kind) => isNonCertifyingEligible(kind as never))).toBe(true);
    expect(isNonCertifyingEligible('OTHER')).toBe(false);
    expect(fundingPlan(aPurchase({ priceCents: 200_000, action: { kind: 'SKILLS_ASSESSMENT' } }), P)).toMatchObject({ cpfCents: 160_000, remainingCents: 40_000 });
    expect(fundingPlan(aPurchase({ priceCents: 120_000, action: { kind: 'DRIVING_LICENCE_LIGHT' } }), P)).toMatchObject({ cpfCents: 90_000, remainingCents: 30_000 });
    expect(fundingPlan(aPurchase({ priceCents: 120_000, action: { kind: 'VAE' } }), P)).toMatchObject({ capCents: null, cpfCents: 120_000 - 10_320 });
  });
});

describe('participation exemptions, one by one', () => {
  it('registered job seeker', () => {
    expect(fundingPlan(aPurchase({ registeredJobSeeker: true }), P)).toMatchObject({ cpfCents: 150_000, participationCents: 0, participationExemption: 'JOB_SEEKER', remainingCents: 0, coveredInFull: true });
  });

  it('employer or OPCO top-up (abondement), paid after the rights', () => {
    expect(fundingPlan(aPurchase({ cpfBalanceCents: 100_000, employerTopUpCents: 80_000 }), P)).toMatchObject({ cpfCents: 100_000, employerTopUpCents: 50_000, participationExemption: 'EMPLOYER_TOP_UP', remainingCents: 0 });
  });

  it('C2P points used', () => {
    expect(fundingPlan(aPurchase({ cpfBalanceCents: 100_000, preventionPointsReserved: 2 }), P)).toMatchObject({ preventionPoints: 1, preventionCents: 50_000, participationExemption: 'PREVENTION_POINTS', remainingCents: 0 });
  });

  it('work accident / occupational disease with ≥ 10 % incapacity: the 7,500 € top-up (CSS L432-12)', () => {
    expect(occupationalInjuryTopUpCents(0.09, P)).toBe(0);
    const topUp = occupationalInjuryTopUpCents(0.1, P);
    expect(topUp).toBe(750_000);
    expect(fundingPlan(aPurchase({ priceCents: 900_000, occupationalInjuryTopUpCents: topUp }), P)).toMatchObject({ cpfCents: 500_000, occupationalInjuryCents: 400_000, participationExemption: 'OCCUPATIONAL_INJURY', remainingCents: 0 });
  });
});

describe('no CPF purchase, no participation', () => {
  it('not purchasable with the CPF: no CPF, no C2P, no participation', () => {
    expect(fundingPlan(aPurchase({ cpfEligible: false, preventionPointsReserved: 20 }), P)).toMatchObject({ cpfCents: 0, preventionCents: 0, participationCents: 0, participationExemption: null, remainingCents: 150_000 });
  });

  it('an empty account buys nothing through the CPF', () => {
    expect(fundingPlan(aPurchase({ cpfBalanceCents: 0 }), P)).toMatchObject({ cpfCents: 0, participationCents: 0, remainingCents: 150_000 });
  });
});
