import { requireRedis, TEST_REDIS_URL } from '../lib/testing/redis.js';

/**
 * Runs once before the suite: Redis-backed tests must not be silently skipped, so a
 * missing Redis stops the run here with a message saying how to start one.
 */
export default async function setup(): Promise<void> {
  const redis = await requireRedis(TEST_REDIS_URL);
  redis.disconnect();
}
