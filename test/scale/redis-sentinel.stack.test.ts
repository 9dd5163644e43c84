import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../stack.js';
import { binaryMissing } from './binaries.js';
import { FAILOVER_ENV, failoverUnderLoad } from './failover.fixture.js';
import { startRedisSentinel, type RedisSentinel } from './redis-topology.fixture.js';

/** Issue #16 point 5b: the whole stack on Redis Sentinel (master, replica, three sentinels), the master killed mid-load. */
const missing = binaryMissing('redis-server');

describe.skipIf(missing !== undefined)('whole stack on Redis Sentinel', () => {
  let sentinel: RedisSentinel;
  let stack: TestStack;

  beforeAll(async () => {
    sentinel = await startRedisSentinel();
    stack = await startTestStack({ env: { ...FAILOVER_ENV, REDIS_URL: '', REDIS_SENTINELS: sentinel.sentinels, REDIS_SENTINEL_NAME: sentinel.name } });
  }, 150_000);

  afterAll(async () => {
    await stack?.stop();
    await sentinel?.stop();
  });

  it('loses no request, no cache entry and no rate-limit count when the master dies', async () => {
    const result = await failoverUnderLoad({
      stack,
      inspector: () => new Redis({ sentinels: sentinel.sentinels.split(',').map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })), name: sentinel.name }),
      killMaster: sentinel.killMaster, healed: sentinel.healed });
    expect(result.sent).toBeGreaterThan(60);
  }, 120_000);
});
