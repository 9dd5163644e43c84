import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeMachine } from '../machine.js';
import { loadScenarios } from '../scenarios.js';
import { startBenchStack } from '../stack.js';
import { peersEnv } from './env.js';
import { measureCell, median, type CellMeasure } from './cell.js';
import { PEERS, startPeer, supergraphFor, type RunningPeer } from './processes.js';
import { metricSum } from '../../lib/testing/metrics.js';
import { canonicalData, scenarioRequests, send, type ScenarioRequests } from './requests.js';

/**
 * `npm run bench:peers`: our gateway beside stock @apollo/gateway, Hive Gateway and Hive Gateway +
 * Rust planner, in one run, on the same subgraphs (warm caches) and the same supergraph. First it
 * checks that every gateway returns the same `data` for every request; then it measures each
 * scenario with repeated and with varied requests, gateways back to back in an order that rotates
 * each round, and prints the medians of the rounds with ratios to stock Apollo.
 */
/** The processes behind every gateway, whose CPU per answer each cell also reports. */
const SUBGRAPH_SERVICES = ['caisse-des-depots', 'france-travail', 'training-catalog'] as const;
const USAGE = `npm run bench:peers -- [--duration 5] [--rounds 3] [--connections 10] [--latency 40] [--jitter 10]
  [--variants 30] [--fresh 20] [--only worker-dashboard,training-finder,job-search,career-change] [--peers stock,ours,ours-entity,ours-nocache,hive,hive-rust] [--no-redis] [--out file]
Environment: BENCH_REDIS_URL (default redis://127.0.0.1:6379/5; a dedicated database, flushed before and after).`;
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    latency: { type: 'string', default: '40' },
    jitter: { type: 'string', default: '10' },
    variants: { type: 'string', default: '30' },
    only: { type: 'string' },
    peers: { type: 'string' },
    fresh: { type: 'string', default: '20' },
    out: { type: 'string' },
    'no-redis': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const number = (name: keyof typeof values) => {
  const parsed = Number(values[name]);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number, got ${String(values[name])}`);
  return parsed;
};
const say = (line: string) => process.stderr.write(`${line}\n`);
const scenarios = loadScenarios().filter((scenario) => values.only === undefined || values.only.split(',').includes(scenario.id));
const peerSpecs = PEERS.filter((peer) => values.peers === undefined || values.peers.split(',').includes(peer.id));
const setup = await peersEnv({ latencyMs: number('latency'), jitterMs: number('jitter'), noRedis: values['no-redis'], say });

say('▶ starting the simulators and subgraphs…');
const stack = await startBenchStack(setup.env);
const peers: RunningPeer[] = [];
let failed = false;
try {
  const supergraph = supergraphFor(stack.stack.urls.subgraphs);
  for (const spec of peerSpecs) {
    peers.push(await startPeer(spec, stack.stack.env, supergraph));
    say(`  ✓ ${spec.label}`);
  }
  const requests = await scenarioRequests(stack, scenarios, number('variants'), number('fresh'));
  const subgraphPids = SUBGRAPH_SERVICES.map((service) => stack.stack.pid(service)).filter((pid): pid is number => pid !== undefined);
  say('▶ warming the subgraph caches and every gateway, checking identical data…');
  failed = !(await checkIdentical(requests));
  if (failed) throw new Error('the gateways disagree (see above): nothing measured');
  const modes = ['repeated', 'varied'] as const;
  const cells = new Map<string, CellMeasure[]>();
  for (let round = 0; round < number('rounds'); round += 1) {
    for (const item of requests) {
      for (const mode of modes) {
        const order = peers.map((_, index) => peers[(index + round) % peers.length] as RunningPeer);
        for (const peer of order) {
          const pool = mode === 'repeated' ? [item.repeated] : item.varied;
          await measureCell(peer, pool, number('connections'), 1);
          const measured = await measureCell(peer, pool, number('connections'), number('duration'), subgraphPids);
          const key = `${item.scenario.id}|${mode}|${peer.spec.id}`;
          cells.set(key, [...(cells.get(key) ?? []), measured]);
          say(`  round ${round + 1} ${item.scenario.id} ${mode} ${peer.spec.id}: ${measured.requestsPerSecond.toFixed(0)} req/s, p99 ${measured.p99} ms, ${measured.errors} errors`);
        }
      }
    }
  }
  say('▶ requests nobody sent before, one at a time, through our gateways…');
  const fresh = await measureFresh(requests);
  const report = renderReport(requests, modes, cells) + renderFresh(requests, fresh);
  process.stdout.write(report);
  if (values.out) writeFileSync(values.out, report);
} finally {
  await Promise.all(peers.map((peer) => peer.stop()));
  await stack.stop();
  await setup.release();
}
process.exit(failed ? 1 : 0);

async function checkIdentical(requests: readonly ScenarioRequests[]): Promise<boolean> {
  let same = true;
  for (const item of requests) {
    for (const request of [item.repeated, ...item.varied]) {
      const answers = await Promise.all(peers.map(async (peer) => ({ peer, answer: await send(peer.url, request) })));
      const reference = answers[0];
      for (const { peer, answer } of answers) {
        const errors = (answer.body as { errors?: unknown[] }).errors;
        if (answer.status !== 200 || (errors !== undefined && errors.length > 0)) {
          say(`  ✗ ${item.scenario.id} via ${peer.spec.label}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
          same = false;
        } else if (reference && canonicalData(answer.body) !== canonicalData(reference.answer.body)) {
          say(`  ✗ ${item.scenario.id}: ${peer.spec.label} and ${reference.peer.spec.label} return different data for ${request.body.slice(-120)}`);
          same = false;
        }
      }
    }
    say(`  ${same ? '✓' : '✗'} ${item.scenario.id}: ${1 + item.varied.length} requests compared across ${peers.length} gateways`);
  }
  return same;
}

interface FreshMeasure {
  requests: number;
  entityHits: number;
  entityMisses: number;
  fetches: number;
}

/**
 * After the cells, each scenario's fresh requests (variables no cell and no check sent) go once,
 * one at a time, through each of our gateways: how many of their entities the entity cache already
 * held from earlier traffic, and how many subgraph fetches they made — what a search nobody asked
 * before gets, rather than the pool the cells repeat.
 */
async function measureFresh(requests: readonly ScenarioRequests[]): Promise<Map<string, FreshMeasure>> {
  const measures = new Map<string, FreshMeasure>();
  for (const item of requests) {
    for (const peer of peers) {
      const metrics = peer.metricsUrl;
      if (metrics === undefined || item.fresh.length === 0) continue;
      const read = async () => ({
        hits: await metricSum(metrics, 'gateway_entity_cache_total', 'outcome="hit"'),
        misses: await metricSum(metrics, 'gateway_entity_cache_total', 'outcome="miss"'),
        fetches: await metricSum(metrics, 'subgraph_fetches_total'),
      });
      const before = await read();
      for (const request of item.fresh) {
        const answer = await send(peer.url, request);
        const errors = (answer.body as { errors?: unknown[] }).errors;
        if (answer.status !== 200 || (errors !== undefined && errors.length > 0)) say(`  ✗ fresh ${item.scenario.id} via ${peer.spec.label}: HTTP ${answer.status}`);
      }
      const after = await read();
      measures.set(`${item.scenario.id}|${peer.spec.id}`, {
        requests: item.fresh.length,
        entityHits: after.hits - before.hits,
        entityMisses: after.misses - before.misses,
        fetches: after.fetches - before.fetches,
      });
    }
  }
  return measures;
}

function renderFresh(requests: readonly ScenarioRequests[], measures: Map<string, FreshMeasure>): string {
  if (measures.size === 0) return '';
  const lines = [
    `### Requests nobody sent before (${number('fresh')} per query, once each, one at a time, after the cells)`,
    '',
    '| query | gateway | entities asked | held by the entity cache | subgraph fetches per request |',
    '|---|---|--:|--:|--:|',
  ];
  for (const item of requests) {
    for (const peer of peers) {
      const measure = measures.get(`${item.scenario.id}|${peer.spec.id}`);
      if (!measure) continue;
      const asked = measure.entityHits + measure.entityMisses;
      lines.push(
        `| ${item.scenario.title.replace(/ \(.*$/, '')} | ${peer.spec.label} | ${asked} | ${asked === 0 ? '–' : `${((100 * measure.entityHits) / asked).toFixed(0)} %`} | ${(measure.fetches / measure.requests).toFixed(2)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n\n`;
}

function renderReport(requests: readonly ScenarioRequests[], modes: readonly string[], cells: Map<string, CellMeasure[]>): string {
  const machine = describeMachine();
  const lines = [
    `# bench:peers — ${new Date().toISOString()}`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. ` +
      `${number('connections')} connections, ${number('duration')} s per cell after 1 s of warm-up, median of ${number('rounds')} interleaved rounds; ` +
      `upstream latency ${number('latency')} ± ${number('jitter')} ms, subgraph caches warm, the same for every gateway (${setup.describe}).`,
    '',
  ];
  for (const item of requests) {
    for (const mode of modes) {
      lines.push(`### ${item.scenario.title} — ${mode === 'repeated' ? 'repeated identical requests' : `varied variables (${item.varied.length} requests in turn)`}`, '');
      lines.push('| gateway | req/s | × stock | p50 ms | p99 ms | errors | RSS MiB | CPU ms/req | subgraphs CPU ms/req |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|');
      const of = (id: string) => {
        const runs = cells.get(`${item.scenario.id}|${mode}|${id}`) ?? [];
        const pick = (field: keyof CellMeasure) => median(runs.map((run) => run[field]));
        return { rps: pick('requestsPerSecond'), p50: pick('p50'), p99: pick('p99'), errors: runs.reduce((sum, run) => sum + run.errors, 0), rss: pick('rssMiB'), cpu: pick('cpuMsPerRequest'), subgraphCpu: pick('subgraphCpuMsPerRequest') };
      };
      const stock = of('stock').rps;
      for (const peer of peers) {
        const cell = of(peer.spec.id);
        lines.push(
          `| ${peer.spec.label} | ${cell.rps.toFixed(0)} | ${Number.isFinite(stock) && stock > 0 ? (cell.rps / stock).toFixed(2) : '–'}× | ${cell.p50.toFixed(0)} | ${cell.p99.toFixed(0)} | ${cell.errors} | ${cell.rss.toFixed(0)} | ${cell.cpu.toFixed(2)} | ${cell.subgraphCpu.toFixed(2)} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
