import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisFromConfig, redisEnvShape } from '../../../lib/cache/index.js';
import { parseEnv } from '../../../lib/config/index.js';
import { freePort } from '../../../lib/testing/ports.js';
import { requireRedis, TEST_REDIS_URL } from '../../../lib/testing/redis.js';
import { defaultSecurityConfig, type RateLimitSettings } from './config.js';
import { clientAddress, rateLimitSubject } from './principal-key.js';
import { createRateLimiter } from './rate-limit.js';

const settings = (overrides: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  ...defaultSecurityConfig().rateLimit,
  limits: { anonymous: 3, worker: 5, partner: 8 },
  keyPrefix: `test:rl:${randomUUID()}:`,
  ...overrides,
});

/** A clock the test moves by hand: window behaviour is checked by counting, never by waiting. */
const clock = (start = 1_700_000_000_000) => {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
};

const SECRET = 'test-rate-limit-secret';
const anonymous = (address: string) => rateLimitSubject(undefined, address, SECRET);
const worker = (id: string) => rateLimitSubject({ kind: 'worker', workerId: id, scopes: [] }, '10.0.0.1', SECRET);
const partner = (clientId: string) => rateLimitSubject({ kind: 'partner', clientId, scopes: [] }, '10.0.0.1', SECRET);

describe('principal keys', () => {
  it('hashes worker ids, keeps partner client ids, and falls back to the address', () => {
    expect(worker('W000001').key).toMatch(/^worker:[0-9a-f]{32}$/);
    expect(worker('W000001').key).not.toContain('W000001');
    expect(partner('demo-counsellor')).toEqual({ kind: 'partner', key: 'partner:demo-counsellor' });
    expect(anonymous('203.0.113.7')).toEqual({ kind: 'anonymous', key: 'ip:203.0.113.7' });
  });

  it('trusts X-Forwarded-For only as far as the configured proxies', () => {
    const request = (remote: string, forwarded?: string) =>
      ({ socket: { remoteAddress: remote }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;
    expect(clientAddress(request('::ffff:10.1.2.3', '1.1.1.1'), 0)).toBe('10.1.2.3');
    expect(clientAddress(request('10.0.0.2', 'spoofed, 198.51.100.4'), 1)).toBe('198.51.100.4');
    expect(clientAddress(request('10.0.0.2', 'not-an-ip'), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('2001:db8:1:2:3:4:5:6'), 0)).toBe('2001:db8:1:2::/64');
  });
});

describe('sliding-window limiter on Redis', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await requireRedis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('counts per principal, refuses past the limit, and frees slots as requests age out', async () => {
    const time = clock();
    const config = settings();
    const limiter = createRateLimiter({ settings: config, redis, now: time.now });
    const results = [];
    for (let i = 0; i < 4; i += 1) {
      results.push(await limiter.check(anonymous('192.0.2.1')));
      time.advance(10_000);
    }
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results.every((r) => r.store === 'redis')).toBe(true);
    // The first request (t=0) leaves the 60 s window at t=60 s; we are at t=30 s.
    expect(results[3]?.resetSeconds).toBe(30);
    // Another address, another bucket.
    expect((await limiter.check(anonymous('192.0.2.2'))).allowed).toBe(true);
    time.advance(20_001); // t = 60.001 s: only the request of t = 0 has left the window
    const later = await limiter.check(anonymous('192.0.2.1'));
    expect(later.allowed).toBe(true);
    expect(later.remaining).toBe(0);
    expect(await redis.zcard(`${config.keyPrefix}ip:192.0.2.1`)).toBe(3);
    expect(await redis.pttl(`${config.keyPrefix}ip:192.0.2.1`)).toBeGreaterThan(0);
  });

  it('applies the limit of each kind of principal', async () => {
    const limiter = createRateLimiter({ settings: settings(), redis, now: clock().now });
    const allowedCount = async (subject: ReturnType<typeof anonymous>) => {
      let allowed = 0;
      for (let i = 0; i < 10; i += 1) if ((await limiter.check(subject)).allowed) allowed += 1;
      return allowed;
    };
    expect(await allowedCount(worker('W000042'))).toBe(5);
    expect(await allowedCount(partner('demo-jobboard'))).toBe(8);
    expect(await allowedCount(anonymous('192.0.2.9'))).toBe(3);
  });

  it('never lets concurrent requests (two gateways) take more than the limit', async () => {
    const config = settings();
    const time = clock();
    const gatewayA = createRateLimiter({ settings: config, redis, now: time.now });
    const gatewayB = createRateLimiter({ settings: config, redis, now: time.now });
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? gatewayA : gatewayB).check(partner('demo-counsellor'))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(8);
  });
});

describe('when Redis goes away', () => {
  let server: ChildProcess | undefined;
  let port: number;

  const startRedis = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = await pollUntil(async () => {
      const client = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: `redis://127.0.0.1:${port}` }), { lazyConnect: true, retryStrategy: () => null });
      try {
        await client?.connect();
        return (await client?.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client?.disconnect();
      }
    });
    expect(probe).toBe(true);
  };

  const stopRedis = async () => {
    if (!server || server.exitCode !== null) return;
    const exited = once(server, 'exit');
    server.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    await stopRedis();
  });

  it('degrades to per-process limits, never failing a request, and returns to Redis', async () => {
    const client = createRedisFromConfig(parseEnv(redisEnvShape, { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_COMMAND_TIMEOUT_MS: '100' }));
    if (!client) throw new Error('no client');
    client.on('error', () => undefined);
    try {
      await pollUntil(async () => client.status === 'ready');
      const limiter = createRateLimiter({ settings: settings({ redisTimeoutMs: 100 }), redis: client, now: clock().now });
      expect((await limiter.check(anonymous('198.51.100.1'))).store).toBe('redis');

      // A hung Redis: commands time out, the limiter answers from memory.
      const pauser = await requireRedis(`redis://127.0.0.1:${port}`);
      await pauser.call('CLIENT', 'PAUSE', '1000', 'ALL');
      const paused = await limiter.check(anonymous('198.51.100.1'));
      expect(paused).toMatchObject({ allowed: true, store: 'memory' });
      pauser.disconnect();

      // A dead Redis: still answered, still limited, per process.
      await stopRedis();
      const down = [];
      for (let i = 0; i < 5; i += 1) down.push(await limiter.check(anonymous('198.51.100.7')));
      expect(down.every((d) => d.store === 'memory')).toBe(true);
      expect(down.map((d) => d.allowed)).toEqual([true, true, true, false, false]);

      // Redis is back: the client reconnects by itself and counts are shared again.
      await startRedis();
      expect(await pollUntil(async () => (await limiter.check(anonymous('198.51.100.9'))).store === 'redis')).toBe(true);
    } finally {
      client.disconnect();
    }
  }, 30_000);
});

async function pollUntil(condition: () => Promise<boolean>, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (await condition()) return true;
    await sleep(100);
  }
  return false;
}

describe('cost budget (issue #12.3)', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await requireRedis(TEST_REDIS_URL);
  });
  afterAll(() => redis.disconnect());

  /** Budgets of 3,000 / 5,000 / 8,000 a minute, on Redis or in this process. */
  const costLimiter = (store: 'redis' | 'memory', now: () => number) =>
    createRateLimiter({
      settings: settings(),
      costBudget: { windowSeconds: 60, budgets: { anonymous: 3_000, worker: 5_000, partner: 8_000 } },
      redis: store === 'redis' ? redis : null,
      now,
    });

  for (const store of ['redis', 'memory'] as const) {
    it(`charges each request its cost and refuses past the budget, with the wait until enough cost leaves (${store})`, async () => {
      const time = clock();
      const limiter = costLimiter(store, time.now);
      const flooder = anonymous('203.0.113.50');
      const charges = [];
      // Heavy requests (ten aliased searches, ~1,430 each) spend the budget after two.
      for (let index = 0; index < 3; index += 1) {
        charges.push(await limiter.charge?.(flooder, 1_430));
        time.advance(10_000);
      }
      expect(charges.map((charge) => charge?.allowed)).toEqual([true, true, false]);
      expect(charges[1]).toMatchObject({ limit: 3_000, remaining: 140, store });
      // The first charge (at t=0) leaves the window at t=60 s; the third came at t=20 s.
      expect(charges[2]?.resetSeconds).toBe(40);
      // A cheap request still fits; another principal has its own budget.
      expect((await limiter.charge?.(flooder, 100))?.allowed).toBe(true);
      expect((await limiter.charge?.(anonymous('203.0.113.51'), 2_900))?.allowed).toBe(true);
      time.advance(50_000);
      expect((await limiter.charge?.(flooder, 1_430))?.allowed).toBe(true);
    });

    it(`settles an admitted charge to the actual cost of its answer, at the same place in the window (${store})`, async () => {
      const time = clock();
      const limiter = costLimiter(store, time.now);
      const user = anonymous(`203.0.113.${store === 'redis' ? 60 : 61}`);
      // Admitted on its worst case (2,500), the answer held 300: 2,700 left, not 500.
      const first = await limiter.charge?.(user, 2_500);
      expect(first?.allowed).toBe(true);
      expect((await limiter.charge?.(user, 2_600))?.allowed).toBe(false);
      await first?.settle?.(300);
      time.advance(10_000);
      const second = await limiter.charge?.(user, 2_600);
      expect(second).toMatchObject({ allowed: true, remaining: 100 });
      // The settled charge still leaves the window when the estimate would have (t = 60 s).
      await second?.settle?.(2_600);
      expect((await limiter.charge?.(user, 200))?.allowed).toBe(false);
      time.advance(50_001);
      expect((await limiter.charge?.(user, 200))?.allowed).toBe(true);
      // A refused charge has nothing to settle.
      expect((await limiter.charge?.(user, 10_000))?.settle).toBeUndefined();
    });
  }
});
