import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Connects to the Redis the tests use and fails with a clear message when none answers:
 * Redis-backed tests are never silently skipped.
 */
export async function requireRedis(url: string = TEST_REDIS_URL): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    throw new Error(
      `These tests need Redis at ${url} (set REDIS_URL, or start one: redis-server --daemonize yes). ` +
        `Connection failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
