import autocannon from 'autocannon';
import { commonEnv } from './configs.js';
import { headersFor } from './phases.js';
import { loadScenarios, type Scenario } from './scenarios.js';
import { growthPercent, heapUsedMiB, rssMiB, type MemorySample } from './soak-memory.js';
import { startBenchStack, type BenchStack } from './stack.js';
import { requestBody } from './measure.js';
import { SERVICES } from '../scripts/stack.js';

/**
 * `npm run bench:soak` (issue #16 point 7): measures the stack's peak throughput on a mix of
 * graph.md's four queries (one personal — the worker dashboard — and three public), then holds
 * 80 % of that rate for DURATION seconds (default 600), sampling RSS and heap of every process.
 * Reports the samples, each process's memory growth and the error count. Flat memory is the goal.
 *
 *   DURATION=30 npm run bench:soak      a short check that it works
 *   SOAK_RATE=40                         skip the peak measure and hold this many req/s
 */
const say = (line: string) => process.stderr.write(`${line}\n`);
const duration = Number(process.env['DURATION'] ?? 600);
const connections = Number(process.env['SOAK_CONNECTIONS'] ?? 8);
const samples = Math.max(3, Math.min(20, Math.round(duration / 30)));

interface Traffic {
  requests: autocannon.Request[];
  errors: () => number;
}

/** The mix, in autocannon's per-connection rotation; any 200 whose body holds "errors" counts as an error. */
function traffic(scenarios: readonly Scenario[], headers: ReadonlyMap<string, Record<string, string>>): Traffic {
  let errors = 0;
  const requests = scenarios.map((scenario) => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...headers.get(scenario.id) },
    body: requestBody(scenario),
    onResponse: (status: number, body: string) => {
      if (status === 200 && body.includes('"errors"')) errors += 1;
    },
  }));
  return { requests, errors: () => errors };
}

async function run(url: string, mix: Traffic, seconds: number, overallRate?: number) {
  const result = await autocannon({ url, connections, duration: seconds, timeout: 10, requests: mix.requests, ...(overallRate ? { overallRate } : {}) });
  return { perSecond: result.requests.total / result.duration, non2xx: result.non2xx, socketErrors: result.errors + result.timeouts, p99: result.latency.p99 };
}

async function sample(stack: BenchStack): Promise<MemorySample[]> {
  return await Promise.all(
    SERVICES.map(async (service) => {
      const metricsUrl = (stack.stack.urls.metrics as Record<string, string | undefined>)[service.name];
      const heap = metricsUrl === undefined ? null : await heapUsedMiB(metricsUrl);
      return { service: service.name, rssMiB: rssMiB(stack.stack.pid(service.name)), heapUsedMiB: heap };
    }),
  );
}

const fmt = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

async function main(): Promise<void> {
  // The refresher stays on: memory over time includes its passes, as in production.
  const stack = await startBenchStack({ ...commonEnv({ redisUrl: null, latencyMs: 0, jitterMs: 0, ftQuota: false }), FT_REFRESH_ENABLED: 'true' });
  try {
    const scenarios = loadScenarios();
    const headers = new Map<string, Record<string, string>>();
    for (const scenario of scenarios) headers.set(scenario.id, await headersFor(stack, scenario));
    const mix = traffic(scenarios, headers);
    say('warming the caches (5 s)…');
    await run(stack.graphql, mix, 5);
    const fixed = Number(process.env['SOAK_RATE'] ?? 0);
    let rate = fixed;
    if (!(fixed > 0)) {
      const peakSeconds = Math.min(20, Math.max(5, Math.round(duration / 10)));
      const peak = await run(stack.graphql, mix, peakSeconds);
      rate = Math.max(1, Math.floor(peak.perSecond * 0.8));
      say(`peak ${peak.perSecond.toFixed(0)} req/s over ${peakSeconds} s → soak at ${rate} req/s (80 %)`);
    }
    const errorsBefore = mix.errors();
    const series: Array<{ at: number; memory: MemorySample[] }> = [{ at: 0, memory: await sample(stack) }];
    const slice = duration / samples;
    let non2xx = 0;
    let socketErrors = 0;
    let served = 0;
    let worstP99 = 0;
    for (let index = 1; index <= samples; index += 1) {
      const part = await run(stack.graphql, mix, Math.max(1, Math.round(slice)), rate);
      non2xx += part.non2xx;
      socketErrors += part.socketErrors;
      served += part.perSecond * slice;
      worstP99 = Math.max(worstP99, part.p99);
      series.push({ at: Math.round(index * slice), memory: await sample(stack) });
      say(`  ${Math.round(index * slice)} s: ${part.perSecond.toFixed(0)} req/s, p99 ${part.p99} ms`);
    }
    const graphqlErrors = mix.errors() - errorsBefore;
    const lines = [
      `# Soak: ${duration} s at ${rate} req/s (${connections} connections), mixed public/personal (graph.md's four queries)`,
      '',
      `Requests ≈ ${served.toFixed(0)} · errors: ${graphqlErrors + non2xx + socketErrors} (GraphQL ${graphqlErrors}, non-2xx ${non2xx}, socket/timeouts ${socketErrors}) · worst p99 of a slice ${worstP99} ms`,
      '',
      `| t (s) | ${SERVICES.map((service) => `${service.name} RSS / heap (MiB)`).join(' | ')} |`,
      `|---|${SERVICES.map(() => '---').join('|')}|`,
      ...series.map((point) => `| ${point.at} | ${point.memory.map((each) => `${fmt(each.rssMiB)} / ${fmt(each.heapUsedMiB)}`).join(' | ')} |`),
      '',
      `| process | RSS growth | heap growth |`,
      `|---|---|---|`,
      ...SERVICES.map((service) => {
        const of = (pick: (sample: MemorySample) => number | null) =>
          series.map((point) => pick(point.memory.find((each) => each.service === service.name) ?? { service: service.name, rssMiB: null, heapUsedMiB: null }));
        return `| ${service.name} | ${fmt(growthPercent(of((each) => each.rssMiB)))} % | ${fmt(growthPercent(of((each) => each.heapUsedMiB)))} % |`;
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (graphqlErrors + non2xx + socketErrors > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

await main();
