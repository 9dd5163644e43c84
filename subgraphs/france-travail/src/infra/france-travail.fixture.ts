import { MockAgent } from 'undici';
import { createCache, kindsFromConfig, parseCacheConfig } from '../../../../lib/cache/index.js';
import { createQuotaGate, createUpstreamClient, type QuotaGate, type UpstreamClientOptions } from '../../../../lib/http/index.js';
import type { FtCache } from './cache.js';
import { createFranceTravailClient } from './france-travail.client.js';
import { createTokenProvider } from './token-provider.js';

export const FT_ORIGIN = 'http://ft.test';

/** A fresh memory-only cache, so tests never share entries. */
export function aCache(): FtCache {
  return createCache({ namespace: 'ft-test', kinds: kindsFromConfig(parseCacheConfig({})), memory: {} });
}

/**
 * A France Travail client over a MockAgent (network disabled) with a manual clock; `tokenCalls`
 * counts token requests and `tokens` lists the bearer each API call carried.
 */
export function aMockedClient(options: { expiresIn?: number; rate?: number } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(FT_ORIGIN);
  let clock = 1_000_000;
  const state = { tokenCalls: 0, bearers: [] as string[], sentAt: [] as number[], admittedAt: [] as number[] };
  pool
    .intercept({ path: (path) => path.startsWith('/connexion/oauth2/access_token'), method: 'POST' })
    .reply(() => {
      state.tokenCalls += 1;
      return { statusCode: 200, data: { access_token: `token-${state.tokenCalls}`, expires_in: options.expiresIn ?? 1499, token_type: 'Bearer', scope: 'x' } };
    })
    .persist();
  const http = (operator: string, extra: Partial<UpstreamClientOptions> = {}) =>
    createUpstreamClient({ operator, baseUrl: FT_ORIGIN, dispatcher: agent, sleep: async () => undefined, random: () => 0.5, now: () => clock, retry: { maxRetries: 1 }, ...extra });
  const tokens = createTokenProvider({ auth: http('france-travail'), clientId: 'PAR_test', clientSecret: 's', scope: 'api_offresdemploiv2', now: () => clock });
  const quota = createQuotaGate({ operator: 'france-travail', requests: options.rate ?? 1000, windowMs: 1000, now: () => clock, sleep: async (ms) => void (clock += ms) });
  // Admission times on the manual clock: every attempt, retries included, passes here.
  const gate: QuotaGate = {
    queued: quota.queued,
    acquire: async (ticket) => {
      await quota.acquire(ticket);
      state.admittedAt.push(clock);
    },
  };
  const api = http('france-travail', { tokens, gate });
  const client = createFranceTravailClient({ api });
  /** Answers `path` (prefix) once with `status`, recording the bearer it carried. */
  const answer = (path: string, statusCode: number, data: unknown = '', headers: Record<string, string> = {}) =>
    pool.intercept({ path: (target) => target.startsWith(path), method: () => true }).reply((request) => {
      const auth = (request.headers as Record<string, string>)['authorization'] ?? '';
      state.bearers.push(auth);
      state.sentAt.push(clock);
      return { statusCode, data: typeof data === 'string' ? data : JSON.stringify(data), responseOptions: { headers: { 'content-type': 'application/json', ...headers } } };
    });
  return { agent, api, client, state, answer, advance: (ms: number) => void (clock += ms), now: () => clock };
}
