import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../../../lib/cache/index.js';
import { createUpstreamClient } from '../../../../lib/http/index.js';
import { createCdcRightsRepository } from './cdc-rights.repository.js';
import { createTokenProvider } from './cdc-token.js';

const ORIGIN = 'http://cdc.test';
const agents: MockAgent[] = [];

function setUp() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  let clock = 1_000_000;
  const http = createUpstreamClient({ operator: 'caisse-des-depots', baseUrl: `${ORIGIN}/caissedesdepots`, dispatcher: agent, retry: { maxRetries: 0 } });
  const tokens = createTokenProvider({ http, clientId: 'id', clientSecret: 'secret', now: () => clock });
  const pool = agent.get(ORIGIN);
  let issued = 0;
  pool
    .intercept({ path: '/caissedesdepots/oauth/token', method: 'POST' })
    .reply(() => ({ statusCode: 200, data: { access_token: `t${++issued}`, token_type: 'Bearer', expires_in: 1800 } }))
    .persist();
  return { agent, http, tokens, pool, issued: () => issued, advance: (ms: number) => (clock += ms) };
}

afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
});

describe('CDC token provider (client credentials)', () => {
  it('fetches one token for concurrent callers and reuses it until shortly before expiry', async () => {
    const { tokens, issued, advance } = setUp();
    expect(await Promise.all([tokens.token(), tokens.token(), tokens.token()])).toEqual(['t1', 't1', 't1']);
    advance(1_700_000);
    expect(await tokens.token()).toBe('t1');
    advance(100_000);
    expect(await tokens.token()).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('refreshes the token once when the API answers 401', async () => {
    const { http, tokens, pool, issued } = setUp();
    const path = '/caissedesdepots/api/cpa/v1/titulaires/W000001/mouvements?debut=0&nombre=1';
    pool.intercept({ path, method: 'GET', headers: { authorization: 'Bearer t1' } }).reply(401, { code: 'JETON_INVALIDE', message: 'Jeton expiré.' });
    pool.intercept({ path, method: 'GET', headers: { authorization: 'Bearer t2' } }).reply(200, { idTitulaire: 'W000001', nombreTotal: 0, debut: 0, nombre: 1, mouvements: [] });
    const page = await createCdcRightsRepository({ http, tokens, cache: createCache({ namespace: 'cdc-token-test', memory: {} }) }).movementsOf('W000001', 0, 1);
    expect(page).toEqual({ movements: [], totalCount: 0 });
    expect(issued()).toBe(2);
  });
});
