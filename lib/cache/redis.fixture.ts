import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { RedisClient } from './redis-store.js';

/** A namespace no other test (or parallel run) uses, so tests never see each other's keys. */
export function uniqueNamespace(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

export async function keysOf(redis: RedisClient, namespace: string): Promise<string[]> {
  const found: string[] = [];
  const stream = redis instanceof Redis ? redis.scanStream({ match: `cpa:v*:${namespace}:*`, count: 500 }) : undefined;
  if (stream === undefined) throw new Error('keysOf needs a standalone client');
  for await (const batch of stream) found.push(...(batch as string[]));
  return found;
}

export async function dropNamespace(redis: RedisClient, namespace: string): Promise<void> {
  const keys = await keysOf(redis, namespace);
  if (keys.length > 0) await redis.del(...keys);
}

/** A throw-away redis-server the test can kill and restart (never the shared one). */
export class RedisProcess {
  private child: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    const spawnFailure = once(child, 'error');
    const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    // Refused connections are expected while the server boots; the loop below handles them.
    probe.on('error', () => undefined);
    try {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const ready = await probe.connect().then(
          async () => (await probe.ping()) === 'PONG',
          () => false,
        );
        if (ready) return;
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), spawnFailure.then(([error]) => Promise.reject(error))]);
      }
      throw new Error(`redis-server did not answer on port ${this.port}`);
    } finally {
      probe.disconnect();
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}

/** Resolves once the client can take commands (the offline queue is off, so earlier ones would fail). */
export async function whenReady(client: RedisClient, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  await Promise.race([
    once(client, 'ready'),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`redis not ready after ${timeoutMs} ms`)), timeoutMs).unref()),
  ]);
}
