import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { DEFAULT_PORTS, parseEnv, port } from '../lib/config/index.js';
import { repoPath } from '../lib/paths.js';
import { DEFAULT_METRICS_PORTS } from '../lib/server/metrics-server.js';
import { freeMetricsPorts, PortInUseError, startStack } from './stack.js';
import { ensureWebBuild } from './web-build.js';

/**
 * `npm start`: composes the supergraph if it is missing, starts the simulators, the three
 * subgraphs and the gateway, waits until all are ready, and stops them all on Ctrl-C.
 */
async function main(): Promise<void> {
  const ports = parseEnv({
    GATEWAY_PORT: port(DEFAULT_PORTS.GATEWAY_PORT),
    CDC_SUBGRAPH_PORT: port(DEFAULT_PORTS.CDC_SUBGRAPH_PORT),
    FT_SUBGRAPH_PORT: port(DEFAULT_PORTS.FT_SUBGRAPH_PORT),
    JOB_SEEKERS_SUBGRAPH_PORT: port(DEFAULT_PORTS.JOB_SEEKERS_SUBGRAPH_PORT),
    CATALOG_SUBGRAPH_PORT: port(DEFAULT_PORTS.CATALOG_SUBGRAPH_PORT),
    UPSTREAMS_PORT: port(DEFAULT_PORTS.UPSTREAMS_PORT),
  });
  // Loopback metrics listeners: METRICS_PORT is the gateway's, the subgraphs take the next three;
  // METRICS_PORT=0 gives every process a free port (tests that run the launcher).
  const { METRICS_PORT } = parseEnv({ METRICS_PORT: port(DEFAULT_METRICS_PORTS.gateway) });
  const metricsPorts =
    METRICS_PORT === 0
      ? await freeMetricsPorts()
      : { gateway: METRICS_PORT, 'caisse-des-depots': METRICS_PORT + 1, 'france-travail': METRICS_PORT + 2, 'training-catalog': METRICS_PORT + 3 };
  if (!existsSync(repoPath('schema', 'supergraph.graphql'))) {
    execFileSync(process.execPath, ['--import', 'tsx', repoPath('schema', 'compose.ts')], { stdio: 'inherit' });
  }
  ensureWebBuild();
  process.stdout.write('Starting simulators, subgraphs and gateway…\n');
  // No Redis here: france-travail's public cache entries (the statistics and reviews its refresher
  // reads ahead of demand) are kept in .cache/snapshots across restarts, so a restart does not meet
  // France Travail's quota cold; and the in-process tier is sized for the whole catalogue's ~18,000
  // refreshed entries (the refresher fills at most half of it). A variable set by the caller wins.
  const defaults: Record<string, string> = { CACHE_SNAPSHOT_DIR: repoPath('.cache', 'snapshots'), CACHE_MEMORY_MAX_ENTRIES: '40000', CACHE_MEMORY_MAX_MB: '256' };
  const env = Object.fromEntries(Object.entries(defaults).filter(([name]) => process.env[name] === undefined));
  const stack = await startStack({ ports, metricsPorts, output: 'inherit', restart: true, env });
  process.stdout.write(
    [
      '',
      `cpa-graph is ready.`,
      `  GraphQL endpoint: ${stack.urls.graphql}`,
      `  Explorer:         ${stack.urls.gateway}/`,
      `  Mon CPA web app:  ${stack.urls.gateway}/app/`,
      `  Simulators:       ${stack.urls.upstreams} (demo workers: ${stack.urls.upstreams}/identity/dev/workers)`,
      `  Get a token:      npm run token -- --worker W000001`,
      `  Metrics:          ${stack.urls.metrics.gateway} (loopback; subgraphs on ${Object.values(stack.metricsPorts).slice(1).join(', ')})`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || (error instanceof Error && error.name === 'ConfigError')) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
