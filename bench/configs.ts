/** One column of the benchmark: a stack started with its own environment. */
export interface BenchConfig {
  id: 'off' | 'on' | 'nobatch';
  label: string;
  env: Record<string, string>;
  /** Empty the benchmark's Redis database before the stack starts (cold cache). */
  flushRedis: boolean;
}

export const CONFIG_IDS = ['off', 'on', 'nobatch'] as const;

export interface ConfigChoices {
  /** Redis for the cache-on run; null = the in-process memory tier only. */
  redisUrl: string | null;
  latencyMs: number;
  jitterMs: number;
  /** Keep France Travail's real 10 calls/s quota (otherwise the simulator's unthrottled client is used). */
  ftQuota: boolean;
}

/**
 * What every stack shares. The gateway's rate limit is off (the load generator is one client,
 * and rate limiting is measured by its own tests, not here). France Travail's 10 calls/s quota
 * would make the cache-off column measure the quota rather than the graph, so unless asked the
 * subgraph uses the simulator's unthrottled development client.
 */
export function commonEnv(choices: ConfigChoices): Record<string, string> {
  return {
    UPSTREAM_LATENCY_MS: String(choices.latencyMs),
    UPSTREAM_JITTER_MS: String(choices.jitterMs),
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    // Unset, not inherited from the caller's shell: only the cache-on run talks to Redis.
    REDIS_URL: '',
    // france-travail's refresher of public per-training data starts a pass over the whole catalogue
    // (~18,000 upstream calls) at start-up: its background calls would be counted as the measured
    // queries' own and share the two cores with them. It has its own test (test/refresh.stack.test.ts).
    FT_REFRESH_ENABLED: 'false',
    ...(choices.ftQuota
      ? {}
      : { FT_CLIENT_ID: 'PAR_cpagraph_unthrottled', FT_CLIENT_SECRET: 'cpagraph-unthrottled-secret', FT_RATE_LIMIT_PER_SECOND: '10000' }),
  };
}

export function benchConfigs(choices: ConfigChoices, ids: readonly BenchConfig['id'][]): BenchConfig[] {
  const common = commonEnv(choices);
  const all: BenchConfig[] = [
    { id: 'off', label: 'cache off', env: { ...common, CACHE_MODE: 'off', LOADER_BATCH: 'true' }, flushRedis: false },
    {
      id: 'on',
      label: choices.redisUrl === null ? 'cache on (memory)' : 'cache on (Redis)',
      env: { ...common, CACHE_MODE: 'on', LOADER_BATCH: 'true', ...(choices.redisUrl === null ? {} : { REDIS_URL: choices.redisUrl }) },
      flushRedis: choices.redisUrl !== null,
    },
    // Cache off too, so that batching is the only difference with the first column.
    { id: 'nobatch', label: 'batching off (cache off)', env: { ...common, CACHE_MODE: 'off', LOADER_BATCH: 'false' }, flushRedis: false },
  ];
  return all.filter((config) => ids.includes(config.id));
}
