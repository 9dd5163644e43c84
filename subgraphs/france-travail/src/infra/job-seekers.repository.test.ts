import { Redis } from 'ioredis';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createCache } from '../../../../lib/cache/index.js';
import { dropNamespace, keysOf, uniqueNamespace } from '../../../../lib/cache/redis.fixture.js';
import { createUpstreamClient } from '../../../../lib/http/index.js';
import { caught, ORIGIN, scriptedUpstream } from '../../../../lib/http/upstream.fixture.js';
import { createJobSeekerRepository } from './job-seekers.repository.js';

/** The job-seeker status cached per worker in Redis (design.md § Caching: keyed by the worker id, short-lived, never stale). */
describe('API Particulier status, cached per worker', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  const namespace = uniqueNamespace('ft-status');
  let clock = 1_800_000_000_000;
  const cache = createCache({ namespace, redis, memory: {}, secret: 'status-test-secret', mode: 'on', now: () => clock });
  afterAll(async () => {
    await dropNamespace(redis, namespace);
    redis.disconnect();
  });

  const registered = { statusCode: 200, data: { data: { identifiant: 'W000005', inscription: { date_debut: '2024-01-02', date_fin: null, categorie: { code: 1, libelle: 'A' } }, metier_recherche: { code_rome: 'M1805', libelle: null } } }, headers: { 'content-type': 'application/json' } };

  function repository(script: Parameters<typeof scriptedUpstream>[1]) {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen = scriptedUpstream(agent, script, { statusCode: 503, data: {} });
    const http = createUpstreamClient({ operator: 'api-particulier', baseUrl: ORIGIN, dispatcher: agent, retry: { maxRetries: 0 } });
    return { jobSeekers: createJobSeekerRepository({ http, token: 'jeton', recipient: '13002526500013', cache }), seen };
  }

  it('asks API Particulier once within the TTL, per worker, the id in no key; after the TTL it asks again, and a failure then is not covered by the old read', async () => {
    const { jobSeekers, seen } = repository([registered, { statusCode: 404, data: { errors: [{ code: '24003', title: 'Entité non trouvée', detail: 'absent' }] }, headers: { 'content-type': 'application/json' } }]);
    const first = await jobSeekers.status('W000005');
    expect(first).not.toBeNull();
    expect(await jobSeekers.status('W000005')).toEqual(first);
    expect(seen).toHaveLength(1);
    // Another worker is another entry, "not registered" an answer kept like the others.
    expect(await jobSeekers.status('W000777')).toBeNull();
    expect(await jobSeekers.status('W000777')).toBeNull();
    expect(seen).toHaveLength(2);
    const keys = await keysOf(redis, namespace);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^cpa:v1:${namespace}:personal:private:[0-9a-f]{64}:statut$`));
      expect((await redis.getBuffer(key))?.toString('latin1')).not.toContain('W000');
    }
    clock += 46_000;
    expect((await caught(jobSeekers.status('W000005'))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(seen).toHaveLength(3);
  });
});
