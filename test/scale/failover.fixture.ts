import type { Cluster, Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { TestStack } from '../stack.js';
import { startLoad, type LoadResult } from './load.fixture.js';

/** Every key of this stack (its CACHE_KEY_PREFIX covers the cache, APQ and rate-limit keys). */
export async function stackKeys(connect: () => Redis | Cluster, prefix: string): Promise<Set<string>> {
  const client = connect();
  client.on('error', () => undefined);
  if ('nodes' in client && typeof client.nodes === 'function') await new Promise((resolve) => client.once('ready', resolve));
  const keys = new Set<string>();
  const nodes = 'nodes' in client && typeof client.nodes === 'function' ? (client as Cluster).nodes('master') : [client as Redis];
  for (const node of nodes) {
    // Single-flight locks (`…:lock`) live while a fetch is under way and are released after it: not entries to keep.
    for await (const batch of node.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) for (const key of batch) if (!key.endsWith(':lock')) keys.add(key);
  }
  client.disconnect();
  return keys;
}

const remaining = async (stack: TestStack, client: string): Promise<number> => {
  const answer = await stack.query('query Ping { occupation(romeCode: "M1805") { title } }', {}, { 'x-forwarded-for': client });
  expect(answer.body.errors).toBeUndefined();
  return Number(answer.headers.get('ratelimit-remaining'));
};

async function backInRedis(stack: TestStack, inspector: FailoverCase['inspector']): Promise<void> {
  const prefix = stack.env['RATE_LIMIT_KEY_PREFIX'] ?? '';
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const probe = `203.0.113.${100 + attempt}`;
    await stack.query('query Ping { occupation(romeCode: "M1805") { title } }', {}, { 'x-forwarded-for': probe });
    if ((await stackKeys(inspector, `${prefix}ip:${probe}`)).size > 0) return;
    await sleep(200);
  }
  throw new Error('the gateway never counted in Redis again after the failover');
}

export interface FailoverCase {
  stack: TestStack;
  /** A new client for reading the keys (a fresh one sees the topology after the failover). */
  inspector: () => Redis | Cluster;
  killMaster: () => Promise<number>;
  healed: () => Promise<void>;
}

/**
 * The failover scenario shared by the Cluster and Sentinel tests: cache filled and a client's
 * rate-limit count raised, a master killed while load runs, then: no failed request, every key
 * written before the kill still there, and the client's count continuing where it was.
 */
export async function failoverUnderLoad({ stack, inspector, killMaster, healed }: FailoverCase): Promise<LoadResult> {
  const prefix = stack.env['CACHE_KEY_PREFIX'] ?? '';
  const client = '203.0.113.77';
  const warm = startLoad(stack.urls.graphql, 2);
  await warm.answered(20);
  expect((await warm.stop()).failures.join('\n')).toBe('');
  const first = await remaining(stack, client);
  for (let index = 0; index < 4; index += 1) await remaining(stack, client);
  const before = await stackKeys(inspector, prefix);
  expect(before.size).toBeGreaterThan(0);

  const load = startLoad(stack.urls.graphql, 4);
  await load.answered(20);
  await killMaster();
  await healed();
  // Load keeps running while the services' clients find the new master: until the gateway's count
  // for a new client lands in Redis again (before that it counts per process, by design).
  await backInRedis(stack, inspector);
  await load.answered(20);
  const result = await load.stop();
  expect(result.failures.join('\n')).toBe('');

  const after = await stackKeys(inspector, prefix);
  expect([...before].filter((key) => !after.has(key))).toEqual([]);
  // Five requests counted before the kill, the sixth after: the count survived the failover.
  expect(await remaining(stack, client)).toBe(first - 5);
  return result;
}

/** The stack's environment for a rate limit high enough for the load, counted per forwarded address. */
export const FAILOVER_ENV = { RATE_LIMIT_TRUST_PROXY_HOPS: '1', RATE_LIMIT_ANONYMOUS: '1000', LOG_LEVEL: 'warn' } as const;
