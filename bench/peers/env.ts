import { commonEnv } from '../configs.js';
import { benchRedisUrl, flushBenchRedis, usableBenchRedis } from '../stack.js';

/**
 * The subgraphs' environment under bench:peers and bench:profile: cache on, as deployed (design.md
 * § Caching) — Redis behind the in-process tier. Without Redis the subgraphs' personal reads (CPF
 * rights, job-seeker status: 45 s per worker, sealed) are not cached at all, so the dashboard would
 * measure two upstream waits per request for every gateway alike. `BENCH_REDIS_URL` (default
 * redis://127.0.0.1:6379/5) must name a dedicated database: it is flushed before (here) and after
 * (`release`).
 */
export interface PeersEnv {
  env: Record<string, string>;
  /** How the subgraphs cache, for the report's header. */
  describe: string;
  release: () => Promise<void>;
}

export async function peersEnv(options: { latencyMs: number; jitterMs: number; noRedis: boolean; say: (line: string) => void }): Promise<PeersEnv> {
  const wanted = benchRedisUrl();
  const redisUrl = await usableBenchRedis(wanted, options.noRedis);
  if (redisUrl !== null) await flushBenchRedis(redisUrl);
  else options.say(`▶ no Redis${options.noRedis ? ' (--no-redis)' : ` answers at ${wanted}`}: the subgraphs cache in process only, personal reads not at all`);
  const common = commonEnv({ redisUrl, latencyMs: options.latencyMs, jitterMs: options.jitterMs, ftQuota: false });
  return {
    env: { ...common, CACHE_MODE: 'on', ...(redisUrl === null ? {} : { REDIS_URL: redisUrl }) },
    describe: redisUrl === null ? 'in process only: personal reads uncached' : 'Redis + in process; personal reads 45 s per worker',
    release: async () => {
      if (redisUrl !== null) await flushBenchRedis(redisUrl);
    },
  };
}
