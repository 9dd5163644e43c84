import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../stack.js';
import { binaryMissing } from './binaries.js';
import { FAILOVER_ENV, failoverUnderLoad } from './failover.fixture.js';
import { startRedisCluster, type RedisCluster } from './redis-topology.fixture.js';

/** Issue #16 point 5a: the whole stack on a six-node Redis Cluster, a master killed mid-load. */
const missing = binaryMissing('redis-server');

describe.skipIf(missing !== undefined)('whole stack on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let stack: TestStack;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    stack = await startTestStack({ env: { ...FAILOVER_ENV, REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes } });
  }, 150_000);

  afterAll(async () => {
    await stack?.stop();
    await cluster?.stop();
  });

  it('loses no request, no cache entry and no rate-limit count when a master dies', async () => {
    const result = await failoverUnderLoad({
      stack,
      inspector: () => new Cluster(cluster.nodes.split(',').map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) }))),
      killMaster: cluster.killMaster, healed: cluster.healed });
    expect(result.sent).toBeGreaterThan(60);
  }, 120_000);
});
