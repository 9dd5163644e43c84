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

  it('CPF first, then C2P points reserved for training cover the remainder; the participation is due', async () => {
    const answer = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 400_000)] }, 'worker:W000003');
    // W000003: 2,700 € on the CPF, 20 C2P points reserved for training at 500 € (UNCONFIRMED value).
    expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({
      cpfEligible: true,
      funding: {
        price: { cents: 400_000 },
        cpf: { cents: 270_000 },
        prevention: { cents: 130_000 },
        preventionPoints: 3,
        participation: { cents: 10_223 },
        participationExemption: null,
        remainingCost: { cents: 10_223 },
        coveredInFull: false,
      },
    });
  });

  it('a registered job seeker is exempt from the participation: covered in full', async () => {
    const answer = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 300_000)] }, 'worker:W000005');
    expect((answer.data?.['_entities'] as unknown[])[0]).toMatchObject({
      funding: { cpf: { cents: 300_000 }, participation: { cents: 0 }, participationExemption: 'JOB_SEEKER', remainingCost: { cents: 0 }, coveredInFull: true },
    });
  });

  it('a small balance leaves a remainder; an employer top-up pays it and waives the participation', async () => {
    const plain = await harness.query(ENTITIES, { r: [aTraining('T1', listed[0] ?? '', 150_000)] }, 'worker:W000009');
    expect((plain.data?.['_entities'] as unknown[])[0]).toMatchObject({ funding: { cpf: { cents: 100_000 }, remainingCost: { cents: 50_000 + 10_223 } } });
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
