import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomSigningSecret } from '../lib/auth/subgraph-signature.js';
import { DEFAULT_HOST, DEFAULT_PORTS, type PortVariable } from '../lib/config/defaults.js';
import { repoPath } from '../lib/paths.js';
import { freePort } from '../lib/testing/ports.js';
import { DEFAULT_METRICS_PORTS, type MetricsService } from '../lib/server/metrics-server.js';
import { buildServices } from './build.js';
import { nodeFlagsOf } from './node-flags.js';
import { createRestarter, type RestartPolicy } from './restarts.js';

/** One process of the stack: its entry point, the variable holding its port, and how to tell it is ready. */
export interface ServiceSpec {
  name: string;
  entry: string;
  portVariable: PortVariable;
  /** Other ports the process listens on (france-travail serves the job-seekers subgraph too). */
  morePorts?: readonly PortVariable[];
  readyPath: string;
}

/** Every process `npm start` runs, in start order. docker-compose.yml must list the same services and port variables. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'upstreams', entry: 'upstreams/main.ts', portVariable: 'UPSTREAMS_PORT', readyPath: '/healthz' },
  { name: 'caisse-des-depots', entry: 'subgraphs/caisse-des-depots/src/main.ts', portVariable: 'CDC_SUBGRAPH_PORT', readyPath: '/readyz' },
  { name: 'france-travail', entry: 'subgraphs/france-travail/src/main.ts', portVariable: 'FT_SUBGRAPH_PORT', morePorts: ['JOB_SEEKERS_SUBGRAPH_PORT'], readyPath: '/readyz' },
  { name: 'training-catalog', entry: 'subgraphs/training-catalog/src/main.ts', portVariable: 'CATALOG_SUBGRAPH_PORT', readyPath: '/readyz' },
  { name: 'gateway', entry: 'gateway/src/main.ts', portVariable: 'GATEWAY_PORT', readyPath: '/readyz' },
];

/** Every port variable the stack's processes listen on. */
const STACK_PORT_VARIABLES: readonly PortVariable[] = SERVICES.flatMap((service) => [service.portVariable, ...(service.morePorts ?? [])]);

/** The service a process's command line runs: its entry as TypeScript (tsx) or as a bundle (main.js). */
export function serviceOfCommand(command: string): ServiceSpec | undefined {
  return SERVICES.find((service) => command.includes(service.entry) || command.includes(service.entry.replace(/\.ts$/, '.js')));
}

export type Ports = Record<PortVariable, number>;

/** A free port for every service: tests and benchmarks run stacks beside a developer's `npm start`. */
export async function freeStackPorts(): Promise<Ports> {
  const ports: Partial<Ports> = {};
  for (const variable of STACK_PORT_VARIABLES) ports[variable] = await freePort();
  return ports as Ports;
}

/** The environment that wires the services to each other on the given ports. */
export function stackEnv(ports: Ports, host = DEFAULT_HOST): Record<string, string> {
  const upstreams = `http://${host}:${ports.UPSTREAMS_PORT}`;
  return {
    HOST: host,
    UPSTREAMS_HOST: host,
    UPSTREAMS_PUBLIC_URL: upstreams,
    ...Object.fromEntries(Object.entries(ports).map(([name, value]) => [name, String(value)])),
    FT_API_URL: `${upstreams}/francetravail`,
    FT_AUTH_URL: `${upstreams}/francetravail`,
    ANOTEA_URL: `${upstreams}/anotea`,
    API_PARTICULIER_URL: `${upstreams}/api-particulier`,
    CDC_API_URL: `${upstreams}/caissedesdepots`,
    CDC_OPENDATA_URL: `${upstreams}/opendata-cdc`,
    CARIF_OREF_URL: `${upstreams}/carif-oref`,
    FRANCE_COMPETENCES_URL: `${upstreams}/france-competences`,
    AUTH_ISSUER: `${upstreams}/identity`,
    CDC_SUBGRAPH_URL: `http://${host}:${ports.CDC_SUBGRAPH_PORT}/graphql`,
    FT_SUBGRAPH_URL: `http://${host}:${ports.FT_SUBGRAPH_PORT}/graphql`,
    JOB_SEEKERS_SUBGRAPH_URL: `http://${host}:${ports.JOB_SEEKERS_SUBGRAPH_PORT}/graphql`,
    CATALOG_SUBGRAPH_URL: `http://${host}:${ports.CATALOG_SUBGRAPH_PORT}/graphql`,
  };
}

export class PortInUseError extends Error {
  constructor(readonly port: number, readonly variable: string) {
    super(`Port ${port} is already in use: set ${variable} to another port (e.g. ${variable}=${port + 100} npm start).`);
  }
}

async function isFree(port: number, host: string): Promise<boolean> {
  return await new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

export type MetricsPorts = Record<MetricsService, number>;

/** A free metrics port for every service that has one. */
export async function freeMetricsPorts(): Promise<MetricsPorts> {
  const ports: Partial<MetricsPorts> = {};
  for (const service of Object.keys(DEFAULT_METRICS_PORTS) as MetricsService[]) ports[service] = await freePort();
  return ports as MetricsPorts;
}

const hasMetrics = (name: string): name is MetricsService => name in DEFAULT_METRICS_PORTS;

export interface StackOptions {
  ports?: Partial<Ports>;
  /**
   * Each service's loopback metrics port (METRICS_PORT, given to each process separately). Default:
   * the fixed defaults for `npm start`; free ports when `ports` is given (tests, benchmarks).
   */
  metricsPorts?: MetricsPorts;
  /** Extra environment for every service (e.g. REDIS_URL, UPSTREAM_LATENCY_MS). */
  env?: Record<string, string>;
  /** 'inherit' prints the services' logs; 'pipe' keeps them for failure messages. */
  output?: 'inherit' | 'pipe';
  readyTimeoutMs?: number;
  host?: string;
  /** Restart a service that exits while the stack runs, with backoff (scripts/restarts.ts). `npm start` turns it on. */
  restart?: boolean | RestartPolicy;
  /** Where the launcher's own lines go (restarts); default stdout. */
  report?: (line: string) => void;
  /**
   * How each service runs: 'bundle' (default) runs an esbuild bundle of its entry (scripts/build.ts)
   * on Node's own loader; 'tsx' runs its TypeScript through `node --import tsx`, as before bundles.
   * Default: STACK_RUNNER from the environment, else 'bundle'.
   */
  runner?: 'bundle' | 'tsx';
}

export interface RunningStack {
  ports: Ports;
  urls: { gateway: string; graphql: string; upstreams: string; subgraphs: Record<string, string>; metrics: Record<MetricsService, string> };
  metricsPorts: MetricsPorts;
  env: Record<string, string>;
  stop: () => Promise<void>;
  /** Recent output of a service (when output is 'pipe'). */
  logs: (service: string) => string;
  /** A service's process (signals, exit code: the drain test). */
  child: (service: string) => ChildProcess | undefined;
  /** The current process id of a service (the failover tests kill one). */
  pid: (service: string) => number | undefined;
}

/**
 * Starts the simulators, the subgraph processes and the gateway as separate processes and waits until
 * each is ready. Used by `npm start`, the whole-stack tests and the benchmarks alike.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const host = options.host ?? DEFAULT_HOST;
  const ports: Ports = { ...DEFAULT_PORTS, ...options.ports };
  for (const variable of STACK_PORT_VARIABLES) {
    const port = ports[variable];
    if (!(await isFree(port, host))) throw new PortInUseError(port, variable);
  }
  // One random gateway→subgraph secret per start (unless the caller sets one): never a constant.
  const signing = { SUBGRAPH_SIGNING_SECRETS: process.env['SUBGRAPH_SIGNING_SECRETS'] ?? randomSigningSecret() };
  const env: Record<string, string> = { ...signing, ...stackEnv(ports, host), ...options.env };
  const metricsPorts: MetricsPorts = options.metricsPorts ?? (options.ports ? await freeMetricsPorts() : { ...DEFAULT_METRICS_PORTS });
  const metricsHost = env['METRICS_HOST'] ?? DEFAULT_HOST;
  const children = new Map<string, ChildProcess>();
  const output = new Map<string, string[]>();
  const report = options.report ?? ((line: string) => void process.stdout.write(`${line}\n`));
  let stopping = false;
  const byName = new Map(SERVICES.map((service) => [service.name, service]));
  const runner = options.runner ?? (process.env['STACK_RUNNER'] === 'tsx' ? 'tsx' : 'bundle');
  const bundles = runner === 'bundle' ? await buildServices(SERVICES.map((service) => service.entry)) : undefined;
  const command = (service: ServiceSpec): string[] => [
    ...nodeFlagsOf(service.entry, { ...process.env, ...env }),
    ...(bundles ? ['--enable-source-maps', bundles.file(service.entry)] : ['--import', 'tsx', repoPath(service.entry)]),
  ];
  const restarter = createRestarter({
    relaunch: (name) => {
      const service = byName.get(name);
      if (service) launch(service);
    },
    waitReady: async (name) => {
      const service = byName.get(name);
      if (service) await readyWithin(service, Date.now() + (options.readyTimeoutMs ?? 90_000));
    },
    report,
    ...(typeof options.restart === 'object' ? { policy: options.restart } : {}),
  });
  const stop = async () => {
    stopping = true;
    restarter.stop();
    await Promise.all([...children.values()].reverse().map((child) => stopChild(child)));
    await bundles?.dispose();
  };
  const launch = (service: ServiceSpec) => {
    const child = spawn(process.execPath, command(service), {
      cwd: repoPath(),
      env: { ...process.env, ...env, ...(hasMetrics(service.name) ? { METRICS_PORT: String(metricsPorts[service.name]) } : {}) },
      stdio: options.output === 'inherit' ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.set(service.name, child);
    restarter.started(service.name);
    child.once('exit', (code, signal) => {
      if (!stopping && options.restart) restarter.exited(service.name, code, signal);
    });
    const lines: string[] = [];
    output.set(service.name, lines);
    const keep = (chunk: Buffer) => {
      lines.push(chunk.toString('utf8'));
      if (lines.length > 200) lines.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  const readyWithin = (service: ServiceSpec, until: number) =>
    waitReady(service, `http://${host}:${ports[service.portVariable]}${service.readyPath}`, children.get(service.name), until, () =>
      (output.get(service.name) ?? []).join('').slice(-2000),
    );
  const ready = (service: ServiceSpec) => readyWithin(service, deadline);
  try {
    // The simulators first: subgraphs ingest from them at start. Then everything else at once.
    const [first, ...rest] = SERVICES;
    if (first) {
      launch(first);
      await ready(first);
    }
    rest.forEach(launch);
    for (const service of rest) await ready(service);
  } catch (error) {
    await stop();
    throw error;
  }
  const gateway = `http://${host}:${ports.GATEWAY_PORT}`;
  return {
    ports,
    env,
    urls: {
      gateway,
      graphql: `${gateway}/graphql`,
      upstreams: `http://${host}:${ports.UPSTREAMS_PORT}`,
      subgraphs: {
        'caisse-des-depots': env['CDC_SUBGRAPH_URL'] ?? '',
        'france-travail': env['FT_SUBGRAPH_URL'] ?? '',
        'job-seekers': env['JOB_SEEKERS_SUBGRAPH_URL'] ?? '',
        'training-catalog': env['CATALOG_SUBGRAPH_URL'] ?? '',
      },
      metrics: Object.fromEntries(Object.entries(metricsPorts).map(([name, port]) => [name, `http://${metricsHost}:${port}/metrics`])) as Record<MetricsService, string>,
    },
    metricsPorts,
    stop,
    logs: (service) => (output.get(service) ?? []).join(''),
    child: (service) => children.get(service),
    pid: (service) => children.get(service)?.pid,
  };
}

async function waitReady(service: ServiceSpec, url: string, child: ChildProcess | undefined, deadline: number, logs: () => string): Promise<void> {
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${child.exitCode} before it was ready.\n${logs()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      // The gateway is ready with one subgraph up ("degraded"); the stack is ready with all of them.
      if (response.ok && ((await response.json().catch(() => ({}))) as { status?: string }).status !== 'degraded') return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`${service.name} was not ready at ${url} in time.\n${logs()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
