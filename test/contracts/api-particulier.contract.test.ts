import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { createCache } from '../../lib/cache/index.js';
import { createUpstreamClient } from '../../lib/http/index.js';
import { caught, ORIGIN, scriptedUpstream } from '../../lib/http/upstream.fixture.js';
import { createJobSeekerRepository } from '../../subgraphs/france-travail/src/infra/job-seekers.repository.js';
import { coverage, payloadJson } from './payloads.js';

/** Contract tests (issue #13): API Particulier's staging payloads through the job-seeker client. */
const covered = coverage();

function repository(path: string, statusCode: number) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen = scriptedUpstream(agent, [{ statusCode, data: JSON.stringify(payloadJson(covered.use(path))), headers: { 'content-type': 'application/json' } }]);
  const jobSeekers = createJobSeekerRepository({ http: createUpstreamClient({ operator: 'api-particulier', baseUrl: ORIGIN, dispatcher: agent, retry: { maxRetries: 0 } }), token: 'jeton', recipient: '13002526500013', cache: createCache({ namespace: 'api-particulier-contract', memory: {} }) });
  return { jobSeekers, seen };
}

describe('API Particulier v3 /france_travail/statut/identifiant', () => {
  it('sends identifiant, recipient and the bearer token; reads a registered person', async () => {
    const { jobSeekers, seen } = repository('ft-jobseeker/real-siade-statut-200-inscrit-123457A.json', 200);
    expect(await jobSeekers.status('123457A')).toEqual({ workerId: '123457A', registered: true, category: 'A', registeredSince: '2025-09-01', soughtRomeCode: null, communeCode: '31555', benefits: null });
    expect(seen[0]?.path).toBe('/v3/france_travail/statut/identifiant?identifiant=123457A&recipient=13002526500013');
    expect(seen[0]?.headers['authorization']).toBe('Bearer jeton');
  });

  it('reads the default and the deregistered staging persons', async () => {
    expect(await repository('ft-jobseeker/real-siade-statut-200-default.json', 200).jobSeekers.status('default')).toMatchObject({ registered: true, registeredSince: '2020-01-01', communeCode: '75107' });
    expect(await repository('ft-jobseeker/real-siade-statut-200-desinscrit-123461A.json', 200).jobSeekers.status('123461A')).toMatchObject({ registered: false, registeredSince: '2024-09-01' });
  });

  it('reads 404 code 24003 as not registered; a 401 is our configuration (UPSTREAM_UNAVAILABLE)', async () => {
    expect(await repository('ft-jobseeker/real-siade-statut-404.json', 404).jobSeekers.status('999999Z')).toBeNull();
    expect((await caught(repository('ft-jobseeker/real-siade-statut-404.json', 401).jobSeekers.status('1'))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(covered.missing('ft-jobseeker')).toEqual([]);
  });
});
