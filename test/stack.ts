import { randomBytes } from 'node:crypto';
import { requireRedis } from '../lib/testing/redis.js';
import { freeStackPorts, startStack, type RunningStack, type StackOptions } from '../scripts/stack.js';
import { findClient } from '../upstreams/identity/clients.js';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };
}

export interface TestStack extends RunningStack {
  /** POSTs a GraphQL operation to the gateway. */
  query: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResult<T>>;
  /** A worker access token from the development issuer. */
  workerToken: (workerId: string) => Promise<string>;
  /** A partner access token (client credentials) from the development issuer. */
  partnerToken: (clientId: string, scope: string) => Promise<string>;
  /** Upstream calls counted by the simulators since the last reset. */
  upstreamCalls: () => Promise<{ total: number; byOperator: Record<string, number>; byEndpoint: Record<string, number> }>;
  resetUpstreamCalls: () => Promise<void>;
  /**
   * Drops this stack's cached personal reads (the `personal` kind, 45 s per worker, Redis only): a
   * test that counts a worker's CDC or API Particulier calls starts from none, whichever suite of
   * the shared stack read that worker before. Nothing to drop without Redis.
   */
  forgetPersonalReads: () => Promise<void>;
}

/**
 * France Travail's unthrottled client of the simulator (upstreams/francetravail/oauth.ts), for stacks
 * whose test is not about its real 10 calls/s quota (test/security, test/deadline and
 * test/refresh.stack.test.ts are): many training finders in a row then take seconds, not minutes.
 */
export const UNTHROTTLED_FRANCE_TRAVAIL = {
  FT_CLIENT_ID: 'PAR_cpagraph_unthrottled',
  FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret',
  FT_RATE_LIMIT_PER_SECOND: '10000',
} as const;

/**
 * Starts the whole stack (simulators, three subgraphs, gateway — separate processes, real HTTP)
 * on free ports for one test file.
 */
export async function startTestStack(options: Omit<StackOptions, 'ports'> = {}): Promise<TestStack> {
  const ports = await freeStackPorts();
  // Test stacks share the CI's Redis: each gets its own key prefixes, so no stack reads another's
  // (or a previous run's) cache, persisted queries or rate-limit counts.
  const run = `t${randomBytes(6).toString('hex')}`;
  const isolation = { CACHE_KEY_PREFIX: `cpa-${run}`, RATE_LIMIT_KEY_PREFIX: `cpa-${run}:ratelimit:` };
  // The public-data refresher (France Travail outcomes, Anotéa reviews) works in the background at its
  // share of the quota: off in test stacks, so the upstream calls a test counts are its own requests'.
  // test/refresh.stack.test.ts turns it on and counts what it does.
  const background = { FT_REFRESH_ENABLED: 'false' };
  const stack = await startStack({ output: 'pipe', ...options, ports, env: { LOG_LEVEL: 'warn', ...isolation, ...background, ...options.env } });
  const unlinkKeys = async (match: string) => {
    const redisUrl = options.env?.['REDIS_URL'] ?? process.env['REDIS_URL'];
    if (!redisUrl) return;
    const redis = await requireRedis(redisUrl);
    try {
      for await (const keys of redis.scanStream({ match, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.unlink(...keys);
      }
    } finally {
      redis.disconnect();
    }
  };
  const cleanUp = async () => await unlinkKeys(`cpa-${run}*`);
  const json = async (url: string, init?: RequestInit) => {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      await cleanUp();
    },
    query: async (query, variables, headers = {}) => {
      const post = async () =>
        await fetch(stack.urls.graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        });
      let response: Response;
      try {
        response = await post();
      } catch (error) {
        // A kept-alive socket the gateway closed (its 5 s idle timeout) just as this request went out:
        // on a loaded machine the client's own idle timer can fire late. The query is idempotent, so
        // it is sent once more, on a new socket; a gateway that is down fails that one too.
        if (!(error instanceof TypeError) || (error.cause as { code?: string } | undefined)?.code !== 'UND_ERR_SOCKET') throw error;
        response = await post();
      }
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult['body'] } as GraphQLResult<never>;
    },
    workerToken: async (workerId) => {
      const body = await json(`${stack.urls.upstreams}/identity/dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workerId }),
      });
      return String(body['access_token']);
    },
    partnerToken: async (clientId, scope) => {
      const secret = findClient(clientId)?.secret;
      if (secret === undefined) throw new Error(`${clientId} is not a demo client of the development issuer`);
      const body = await json(`${stack.urls.upstreams}/identity/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope }).toString(),
      });
      return String(body['access_token']);
    },
    upstreamCalls: async () => (await json(`${stack.urls.upstreams}/_admin/calls`)) as Awaited<ReturnType<TestStack['upstreamCalls']>>,
    resetUpstreamCalls: async () => {
      await json(`${stack.urls.upstreams}/_admin/reset`, { method: 'POST' });
    },
    forgetPersonalReads: async () => await unlinkKeys(`cpa-${run}:*:personal:private:*`),
  };
}
