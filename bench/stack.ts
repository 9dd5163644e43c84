import { Redis } from 'ioredis';
import { z } from 'zod';
import { parseEnv } from '../lib/config/index.js';
import { freeStackPorts, startStack, type RunningStack } from '../scripts/stack.js';

/** Simulator CPU time, from the additive `GET /_admin/cpu`. */
export interface CpuSample {
  userMicros: number;
  systemMicros: number;
  wallMicros: number;
}

export interface UpstreamCalls {
  total: number;
  byOperator: Record<string, number>;
  byEndpoint: Record<string, number>;
}

export interface BenchStack {
  stack: RunningStack;
  graphql: string;
  workerToken(workerId: string): Promise<string>;
  resetCalls(): Promise<void>;
  calls(): Promise<UpstreamCalls>;
  simulatorCpu(): Promise<CpuSample>;
  stop(): Promise<void>;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Empties the benchmark's own Redis database (never the whole server: others may share it). The
 * URL must name a database other than 0, so a mistake cannot wipe the default one.
 */
export async function flushBenchRedis(url: string): Promise<void> {
  const db = Number(new URL(url).pathname.replace('/', '') || '0');
  if (!(db > 0)) throw new Error(`BENCH_REDIS_URL must name a dedicated database (e.g. redis://127.0.0.1:6379/5), got ${url}`);
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

/** `BENCH_REDIS_URL`, default redis://127.0.0.1:6379/5: the benchmarks' own database (flushed, so never 0). */
export function benchRedisUrl(env: Record<string, string | undefined> = process.env): string {
  return parseEnv({ BENCH_REDIS_URL: z.string().regex(/^redis:\/\//).default('redis://127.0.0.1:6379/5') }, env).BENCH_REDIS_URL;
}

/** The benchmark's Redis when it is wanted and answers; null: the in-process tier only. */
export async function usableBenchRedis(url: string, skip: boolean): Promise<string | null> {
  return !skip && (await redisAnswers(url)) ? url : null;
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The whole stack (separate processes, real HTTP) on free ports, with the configuration's environment. */
export async function startBenchStack(env: Record<string, string>): Promise<BenchStack> {
  const stack = await startStack({ ports: await freeStackPorts(), env, output: 'pipe', readyTimeoutMs: 120_000 });
  const admin = `${stack.urls.upstreams}/_admin`;
  return {
    stack,
    graphql: stack.urls.graphql,
    workerToken: async (workerId) => {
      const body = await json<{ access_token: string }>(`${stack.urls.upstreams}/identity/dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workerId }),
      });
      return body.access_token;
    },
    resetCalls: async () => {
      await json(`${admin}/reset`, { method: 'POST' });
    },
    calls: async () => await json<UpstreamCalls>(`${admin}/calls`),
    simulatorCpu: async () => await json<CpuSample>(`${admin}/cpu`),
    stop: async () => await stack.stop(),
  };
}
