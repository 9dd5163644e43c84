import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createCache } from '../../../../lib/cache/index.js';
import { dropNamespace, keysOf, uniqueNamespace } from '../../../../lib/cache/redis.fixture.js';
import { createUpstreamClient, type UpstreamClient } from '../../../../lib/http/index.js';
import { CDC_ROUTES, startSimulator, type RunningSimulator } from '../testing/simulator.fixture.js';
import { CDC_OPERATOR } from './cdc-errors.js';
import { createCdcRightsRepository } from './cdc-rights.repository.js';
import { createTokenProvider } from './cdc-token.js';

let simulator: RunningSimulator;
let http: UpstreamClient;

/** Without Redis the personal kind is not cached at all (private entries never go to the in-process tier): every read reaches the CDC. */
const repository = (secret = 'cpa-graph-dev-secret', cache = createCache({ namespace: 'cdc-rights-test', memory: {} })) =>
  createCdcRightsRepository({ http, tokens: createTokenProvider({ http, clientId: 'cpa-graph-dev', clientSecret: secret }), cache });

beforeAll(async () => {
  simulator = await startSimulator();
  http = createUpstreamClient({ operator: CDC_OPERATOR, baseUrl: simulator.cdcApiUrl, retry: { maxRetries: 0 }, breaker: { volumeThreshold: 1000 } });
});
afterAll(async () => {
  await http.close();
  await simulator.close();
});
beforeEach(async () => {
  await simulator.reset();
});
afterEach(async () => {
  await simulator.clearFaults();
});

describe('CDC rights client against the simulator', () => {
  it('maps one holder to integer cents and English domain terms', async () => {
    const rights = await repository().rightsOf(['W000003']);
    expect(rights.get('W000003')).toMatchObject({
      workerId: 'W000003',
      cpf: { balanceCents: 270_000, regime: 'STANDARD' },
      prevention: { pointsAcquired: 56, pointsAvailable: 56, exposures: ['NIGHT_WORK', 'ALTERNATING_TEAMS'] },
      civicEngagement: null,
      registeredJobSeeker: false,
      birthDate: '1981-03-15',
      home: { inseeCode: '13055', postalCode: '13001', label: 'Marseille' },
    });
    expect(rights.get('W000003')?.prevention?.holderBirthDate).toBe('1981-03-15');
    const calls = await simulator.calls();
    expect(calls[CDC_ROUTES.one]).toBe(1);
    expect(calls[CDC_ROUTES.batch]).toBeUndefined();
  });

  it('reads several holders in one batch call and one token, leaving unknown ids out', async () => {
    const repo = repository();
    const rights = await repo.rightsOf(['W000001', 'W000004', 'W000005', 'W999999']);
    expect([...rights.keys()].sort()).toEqual(['W000001', 'W000004', 'W000005']);
    expect(rights.get('W000004')?.civicEngagement?.acquiredCents).toBe(72_000);
    expect(rights.get('W000005')?.registeredJobSeeker).toBe(true);
    await repo.rightsOf(['W000002', 'W000003']);
    const calls = await simulator.calls();
    expect(calls[CDC_ROUTES.batch]).toBe(2);
    expect(calls[CDC_ROUTES.token]).toBe(1);
  });

  it('splits more than 50 ids into batches of the API maximum', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => `W${String(index + 1).padStart(6, '0')}`);
    const rights = await repository().rightsOf(ids);
    expect(rights.size).toBe(120);
    expect((await simulator.calls())[CDC_ROUTES.batch]).toBe(3);
  });

  it('an unknown holder is absent, not an error', async () => {
    expect((await repository().rightsOf(['W999999'])).size).toBe(0);
    expect(await repository().movementsOf('W999999', 0, 10)).toBeNull();
  });

  it('pages movements with debut/nombre', async () => {
    const page = await repository().movementsOf('W000008', 2, 3);
    expect(page?.totalCount).toBe(8);
    expect(page?.movements).toHaveLength(3);
    expect(page?.movements.every((movement) => movement.kind === 'ACTIVITY_CREDIT' && movement.amountCents === 20_000)).toBe(true);
  });

  it.each([
    { status: 503, code: 'UPSTREAM_UNAVAILABLE' },
    { status: 500, code: 'UPSTREAM_UNAVAILABLE' },
    { status: 429, code: 'RATE_LIMITED' },
  ])('maps an upstream $status to $code without leaking the body', async ({ status, code }) => {
    const repo = repository();
    await repo.rightsOf(['W000001']);
    await simulator.faults({ caissedesdepots: { forcedStatus: status } });
    const error = await repo.rightsOf(['W000001', 'W000002']).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code, operator: CDC_OPERATOR });
    expect(String((error as Error).message)).not.toContain('Simulated');
  });

  it('a malformed body is the operator failing', async () => {
    const repo = repository();
    await repo.rightsOf(['W000001']);
    await simulator.faults({ caissedesdepots: { malformedRate: 1 } });
    await expect(repo.rightsOf(['W000001'])).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('refused client credentials are UPSTREAM_UNAVAILABLE (our configuration, not the caller)', async () => {
    await expect(repository('wrong').rightsOf(['W000001'])).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', operator: CDC_OPERATOR });
  });
});

describe('CDC rights cached per worker in Redis (design.md § Caching: keyed by the worker id, short-lived)', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  const namespace = uniqueNamespace('cdc-rights');
  const cache = createCache({ namespace, redis, memory: {}, secret: 'rights-test-secret', mode: 'on' });
  afterAll(async () => {
    await dropNamespace(redis, namespace);
    redis.disconnect();
  });

  it('reads a worker once within the TTL, one entry per worker, the value sealed and the id not in the key', async () => {
    const repo = repository('cpa-graph-dev-secret', cache);
    expect((await repo.rightsOf(['W000003'])).get('W000003')?.cpf.balanceCents).toBe(270_000);
    expect((await repo.rightsOf(['W000003'])).get('W000003')?.cpf.balanceCents).toBe(270_000);
    expect((await simulator.calls())[CDC_ROUTES.one]).toBe(1);

    // A batch with the cached worker and two others asks the CDC only for the two others.
    const batch = await repo.rightsOf(['W000003', 'W000004', 'W000005']);
    expect([...batch.keys()].sort()).toEqual(['W000003', 'W000004', 'W000005']);
    const calls = await simulator.calls();
    expect(calls[CDC_ROUTES.batch]).toBe(1);
    expect(calls[CDC_ROUTES.one]).toBe(1);

    const keys = await keysOf(redis, namespace);
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^cpa:v1:${namespace}:personal:private:[0-9a-f]{64}:droits$`));
      expect(key).not.toContain('W00000');
      const raw = await redis.getBuffer(key);
      expect(raw).not.toBeNull();
      const text = raw?.toString('latin1') ?? '';
      for (const plain of ['W000003', 'W000004', 'W000005', '270000', 'STANDARD', 'Marseille']) expect(text).not.toContain(plain);
    }
  });

  it('does not cache a holder the CDC does not know, and an entry moved under another worker key does not open there', async () => {
    const repo = repository('cpa-graph-dev-secret', cache);
    expect((await repo.rightsOf(['W999998'])).size).toBe(0);
    expect((await repo.rightsOf(['W999998'])).size).toBe(0);
    expect((await simulator.calls())[CDC_ROUTES.one]).toBe(2);

    await repo.rightsOf(['W000001']);
    const [key] = await keysOf(redis, namespace).then((all) => all.slice(0, 1));
    const other = createCache({ namespace: `${namespace}-b`, redis, memory: {}, secret: 'rights-test-secret', mode: 'on' });
    const otherRepo = repository('cpa-graph-dev-secret', other);
    await otherRepo.rightsOf(['W000002']);
    const [otherKey] = await keysOf(redis, `${namespace}-b`);
    expect(key).toBeDefined();
    expect(otherKey).toBeDefined();
    // Someone with write access to Redis copies W000001's entry over W000002's: it is a miss, not W000001's rights.
    await redis.copy(key ?? '', otherKey ?? '', 'REPLACE');
    const before = (await simulator.calls())[CDC_ROUTES.one] ?? 0;
    expect((await otherRepo.rightsOf(['W000002'])).get('W000002')?.workerId).toBe('W000002');
    expect((await simulator.calls())[CDC_ROUTES.one]).toBe(before + 1);
    await dropNamespace(redis, `${namespace}-b`);
  });
});
