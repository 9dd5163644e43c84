import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../../upstreams/data/world.js';
import { buildMcfRows } from '../../../../upstreams/opendata-cdc/rows.js';
import { parseEligibilityKey } from '../domain/catalogue.js';
import { keyOfRow } from '../infra/mcf-catalogue.mapper.js';
import { CDC_ROUTES } from '../testing/simulator.fixture.js';
import { startCdcHarness, type CdcHarness } from '../testing/subgraph.fixture.js';

let harness: CdcHarness;
let listed: string[];

const UNLISTED_SIRET = '48276116000019';
const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!, $topUp: Int) {
    _entities(representations: $r) {
      ... on Training {
        id
        cpfEligible
        funding(employerTopUpCents: $topUp) {
          price { cents } cpf { cents } prevention { cents } preventionPoints employerTopUp { cents }
          participation { cents } participationExemption remainingCost { cents } coveredInFull
        }
      }
    }
  }`;

/** A training as training-catalog would hand it over, with the @requires fields. */
const aTraining = (id: string, key: string | null, priceCents: number | null) => {
  const parsed = key === null ? null : parseEligibilityKey(key);
  return {
    __typename: 'Training',
    id,
    price: priceCents === null ? null : { cents: priceCents, currency: 'EUR' },
    provider: { siret: parsed?.siret ?? UNLISTED_SIRET },
    certification: parsed === null ? null : { code: parsed.certificationCode },
  };
};

const calls = async () => {
  const byEndpoint = await harness.simulator.calls();
  return {
    rights: (byEndpoint[CDC_ROUTES.one] ?? 0) + (byEndpoint[CDC_ROUTES.batch] ?? 0),
    mcf: byEndpoint[CDC_ROUTES.mcf] ?? 0,
  };
};

beforeAll(async () => {
  harness = await startCdcHarness('2026-11-29');
  listed = [...new Set(buildMcfRows(buildWorld()).map(keyOfRow).filter((key): key is string => key !== undefined))].slice(0, 30);
});
afterAll(async () => {
  await harness.close();
});
beforeEach(async () => {
  await harness.simulator.reset();
});

describe('Training.cpfEligible and Training.funding', () => {
  it('50 trainings: one rights read and one catalogue call for the distinct (SIRET, certification) pairs', async () => {
    const trainings = [
      ...listed.map((key, index) => aTraining(`T${index}`, key, 150_000)),
      ...listed.slice(0, 10).map((key, index) => aTraining(`D${index}`, key, 250_000)),
      ...Array.from({ length: 5 }, (_, index) => aTraining(`U${index}`, `${UNLISTED_SIRET}|RNCP99${index}`, 90_000)),
      ...Array.from({ length: 5 }, (_, index) => aTraining(`N${index}`, null, 50_000)),
    ];
    expect(trainings).toHaveLength(50);
    const answer = await harness.query(ENTITIES, { r: trainings }, 'worker:W000003');
    expect(answer.errors).toBeUndefined();
    const entities = answer.data?.['_entities'] as { id: string; cpfEligible: boolean; funding: Record<string, unknown> | null }[];
    expect(entities.filter((entity) => entity.cpfEligible)).toHaveLength(40);
    expect(entities.every((entity) => entity.funding !== null)).toBe(true);
    expect(await calls()).toEqual({ rights: 1, mcf: 1 });
  });

  it.each([
    // The issue #11 table, through the subgraph, on 29 Nov 2026 (participation 103.20 €).
    { case: '1,240 € below the balance: CPF 1,136.80 €, the worker pays 103.20 €', worker: 'W000001', price: 124_000, cpf: 113_680, prevention: 0, remaining: 10_320, exemption: null },
    { case: 'above the balance: the worker pays price − balance = 774.52 €', worker: 'W000009', price: 177_452, cpf: 100_000, prevention: 0, remaining: 77_452, exemption: null },
    { case: 'C2P worker, 3,801.20 €: C2P points used, nothing to pay', worker: 'W000003', price: 380_120, cpf: 270_000, prevention: 110_120, remaining: 0, exemption: 'PREVENTION_POINTS' },
    { case: 'C2P worker, 14,810 €: all available points pay, nothing to pay', worker: 'W000003', price: 1_481_000, cpf: 270_000, prevention: 1_211_000, remaining: 0, exemption: 'PREVENTION_POINTS' },
  ])('$case', async ({ worker, price, cpf, prevention, remaining, exemption }) => {
    const key = listed.find((candidate) => candidate.includes('|RNCP')) ?? '';
    const answer = await harness.query(ENTITIES, { r: [aTraining('T1', key, price)] }, `worker:${worker}`);
    expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({
      cpfEligible: true,
      funding: { price: { cents: price }, cpf: { cents: cpf }, prevention: { cents: prevention }, participationExemption: exemption, remainingCost: { cents: remaining }, coveredInFull: remaining === 0 },
    });
  });

  it('an RS certification is capped at 1,500 € of CPF rights since 26 Feb 2026, and each line explains itself', async () => {
    const key = listed.find((candidate) => candidate.includes('|RS')) ?? '';
    expect(key).not.toBe('');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Training { funding {
      cpf { cents explanation { ruleId rule effectiveFrom confirmed legalBasis { text article url } inputs { name value } } }
      perActionCap { cents } remainingCost { cents explanation { ruleId } } participation { cents explanation { legalBasis { url } } } } } } }`;
    const answer = await harness.query(query, { r: [aTraining('T1', key, 240_996)] }, 'worker:W000001');
    const funding = (answer.data?.['_entities'] as { funding: Record<string, any> }[])[0]?.funding;
    expect(funding).toMatchObject({ cpf: { cents: 150_000 }, perActionCap: { cents: 150_000 }, remainingCost: { cents: 90_996, explanation: { ruleId: 'funding.remaining' } } });
    expect(funding?.['cpf'].explanation).toMatchObject({ ruleId: 'funding.cpf', effectiveFrom: '2026-02-26', confirmed: false });
    expect(funding?.['cpf'].explanation.inputs).toContainEqual({ name: 'capCents', value: '150000' });
    expect(funding?.['participation'].explanation.legalBasis).toContainEqual({ url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049486478' });
  });

  it.each([
    // L6323-6 II: eligible without a certification (no catalogue call); 2026 caps per action (LFI 2026 art. 203).
    { actionType: 'SKILLS_ASSESSMENT', price: 200_000, eligible: true, cpf: 160_000, cap: 160_000, remaining: 40_000 },
    { actionType: 'DRIVING_LICENCE', price: 120_000, eligible: true, cpf: 90_000, cap: 90_000, remaining: 30_000 },
    { actionType: 'VAE', price: 120_000, eligible: true, cpf: 120_000 - 10_320, cap: null, remaining: 10_320 },
    { actionType: 'BUSINESS_CREATION', price: 80_000, eligible: true, cpf: 80_000 - 10_320, cap: null, remaining: 10_320 },
    { actionType: 'OTHER', price: 80_000, eligible: false, cpf: 0, cap: null, remaining: 80_000 },
  ])('a $actionType without certification: eligible $eligible, CPF $cpf, cap $cap', async ({ actionType, price, eligible, cpf, cap, remaining }) => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Training { cpfEligible funding { cpf { cents } perActionCap { cents } remainingCost { cents } } } } }`;
    const answer = await harness.query(query, { r: [{ ...aTraining('B1', null, price), actionType }] }, 'worker:W000001');
    expect(answer.errors).toBeUndefined();
    expect((answer.data?.['_entities'] as unknown[])[0]).toEqual({
      cpfEligible: eligible,
      funding: { cpf: { cents: cpf }, perActionCap: cap === null ? null : { cents: cap }, remainingCost: { cents: remaining } },
    });
    expect((await calls()).mcf).toBe(0);
  });

  it('a consenting partner with cpf:read gets the worker\'s plan with workerId; without consent FORBIDDEN, before any rights read', async () => {
    harness.consents.set('acme', new Map([['W000003', ['cpf:read']]]));
    const query = 'query($r: [_Any!]!, $w: ID) { _entities(representations: $r) { ... on Training { funding(workerId: $w) { remainingCost { cents } } } } }';
    const trainings = [aTraining('T1', listed[0] ?? '', 380_120), aTraining('T2', listed[1] ?? '', 100_000)];
    const allowed = await harness.query(query, { r: trainings, w: 'W000003' }, 'partner:acme:cpf:read');
    expect(allowed.errors).toBeUndefined();
    expect((allowed.data?.['_entities'] as unknown[])[0]).toEqual({ funding: { remainingCost: { cents: 0 } } });
    await harness.simulator.reset();
    const denied = await harness.query(query, { r: trainings, w: 'W000001' }, 'partner:acme:cpf:read');
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await calls()).rights).toBe(0);
  });

  it('a registered job seeker is exempt from the participation: covered in full', async () => {
    const answer = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 300_000)] }, 'worker:W000005');
    expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({
      funding: { cpf: { cents: 300_000 }, participation: { cents: 0 }, participationExemption: 'JOB_SEEKER', remainingCost: { cents: 0 }, coveredInFull: true },
    });
  });

  it('a small balance leaves a remainder; an employer top-up pays it and waives the participation', async () => {
    const plain = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 150_000)] }, 'worker:W000009');
    expect((plain.data?.['_entities'] as unknown[])[0]).toMatchObject({ funding: { cpf: { cents: 100_000 }, remainingCost: { cents: 50_000 } } });
    const topped = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 150_000)], topUp: 80_000 }, 'worker:W000009');
    expect((topped.data?.['_entities'] as unknown[])[0]).toMatchObject({
      funding: { employerTopUp: { cents: 50_000 }, participationExemption: 'EMPLOYER_TOP_UP', remainingCost: { cents: 0 }, coveredInFull: true },
    });
  });

  it('a training outside the catalogue is not paid by the CPF', async () => {
    const answer = await harness.query(ENTITIES, { r: [aTraining('U1', `${UNLISTED_SIRET}|RNCP991`, 90_000)] }, 'worker:W000001');
    expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({ cpfEligible: false, funding: { cpf: { cents: 0 }, participation: { cents: 0 }, remainingCost: { cents: 90_000 } } });
  });

  it('funding is null without error for anonymous callers and partners, with no rights read', async () => {
    for (const authorization of [undefined, 'partner:acme:cpf:read']) {
      const answer = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 150_000)] }, authorization);
      expect(answer.errors).toBeUndefined();
      expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({ cpfEligible: true, funding: null });
    }
    expect((await calls()).rights).toBe(0);
  });

  it('a negative top-up is BAD_USER_INPUT before any rights read', async () => {
    const answer = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 150_000)], topUp: -1 }, 'worker:W000001');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'employerTopUpCents' });
    expect((await calls()).rights).toBe(0);
  });

  it('a failing rights API costs only the funding field', async () => {
    await harness.simulator.faults({ caissedesdepots: { forcedStatus: 503 } });
    try {
      const answer = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 150_000)] }, 'worker:W000002');
      expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({ cpfEligible: true, funding: null });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', operator: 'caisse-des-depots' });
    } finally {
      await harness.simulator.clearFaults();
    }
  });
});
