import type { BenchConfig } from './configs.js';
import type { CpuShares } from './cpu.js';
import type { Machine } from './machine.js';
import type { ColdLoadResult, LoadResult } from './measure.js';

export interface ColdMeasure {
  /** Upstream calls the first request made (fresh stack, calls reset, cache flushed). */
  calls: number;
  byOperator: Record<string, number>;
  ms: number;
}

/** Cache on, every request with variables not asked before. */
export interface ColdTrafficMeasure extends ColdLoadResult {
  callsPerRequest: number;
  /** Other new requests sent first, unmeasured, to warm the processes (bench/phases.ts). */
  warmedWith: number;
}

export interface WarmMeasure extends LoadResult {
  /** Upstream calls per request once warm, from sequential requests after the load run. */
  callsPerRequest: number;
  callsByOperator: Record<string, number>;
  cpu: CpuShares;
}

export interface CellResult {
  config: BenchConfig['id'];
  label: string;
  scenario: string;
  cold: ColdMeasure;
  /** Cache-on configuration only. */
  coldTraffic: ColdTrafficMeasure | null;
  warm: WarmMeasure | null;
}

const num = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const ratio = (value: number): string => (Number.isFinite(value) && value > 0 ? `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×` : '—');
const percent = (value: number): string => `${Math.round(value * 100)} %`;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Fewer upstream calls as "N×" (or "all" when the better side made none). */
function fewer(worse: number, better: number): string {
  if (!(worse > 0)) return '—';
  if (better === 0) return `${num(worse)} → 0`;
  return ratio(worse / better);
}

/** Cold p50 against the data's critical path (hops × upstream latency), when the scenario states one. */
export interface CriticalPath {
  hops: number;
  latencyMs: number;
}

export function scenarioTable(title: string, cells: readonly CellResult[], critical?: CriticalPath): string {
  const lines = [
    `### ${title}`,
    '',
    row(['configuration', 'upstream calls/req cold', 'upstream calls/req warm', 'cold request ms', 'p50 ms', 'p99 ms', 'req/s', 'errors', 'simulators CPU']),
    row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:']),
  ];
  for (const cell of cells) {
    const warm = cell.warm;
    const errors = warm === null ? '—' : String(warm.graphqlErrors + warm.non2xx + warm.socketErrors);
    lines.push(
      row([
        cell.label,
        String(cell.cold.calls),
        warm === null ? '—' : num(warm.callsPerRequest),
        num(cell.cold.ms, 0),
        warm === null ? '—' : num(warm.p50, 0),
        warm === null ? '—' : num(warm.p99, 0),
        warm === null ? '—' : num(warm.requestsPerSecond),
        errors,
        warm === null ? '—' : `${percent(warm.cpu.simulators)} of a core`,
      ]),
    );
  }
  const off = cells.find((cell) => cell.config === 'off')?.warm;
  const on = cells.find((cell) => cell.config === 'on')?.warm;
  const nobatch = cells.find((cell) => cell.config === 'nobatch')?.warm;
  const cold = cells.find((cell) => cell.config === 'on')?.coldTraffic;
  lines.push('');
  if (cold) {
    lines.push(
      `- cache on, cold traffic (${cold.requests} requests, each with variables not asked before${cold.warmedWith > 0 ? `, after ${cold.warmedWith} other new ones warmed the processes` : ''}): ` +
        `${num(cold.callsPerRequest)} upstream calls/req, p50 ${num(cold.p50, 0)} ms, p99 ${num(cold.p99, 0)} ms, ${num(cold.requestsPerSecond)} req/s, ${cold.errors} errors`,
    );
    if (off) {
      lines.push(
        `- cache cold vs off: p50 ${ratio(off.p50 / cold.p50)} lower, p99 ${ratio(off.p99 / cold.p99)} lower, req/s ${ratio(cold.requestsPerSecond / off.requestsPerSecond)}`,
      );
    }
    if (on) {
      lines.push(`- cache warm vs cold: p50 ${ratio(cold.p50 / on.p50)} lower, p99 ${ratio(cold.p99 / on.p99)} lower, req/s ${ratio(on.requestsPerSecond / cold.requestsPerSecond)}`);
    }
  }
  // Cold: every upstream call is made — the cache-off run (as issue #15 measured it), and the cache-on stack's cold traffic.
  if (critical && critical.latencyMs > 0 && (off || cold)) {
    const path = critical.hops * critical.latencyMs;
    const parts = [
      ...(off ? [`cache off p50 ${num(off.p50, 0)} ms = ${num(off.p50 / path)}×`] : []),
      ...(cold ? [`cache-on cold traffic p50 ${num(cold.p50, 0)} ms = ${num(cold.p50 / path)}×`] : []),
    ];
    lines.push(`- cold p50 vs the data's critical path (${critical.hops} × ${critical.latencyMs} ms = ${path} ms): ${parts.join(', ')} (target ≤ 1.2×)`);
  }
  if (off && on) {
    lines.push(
      `- cache warm vs off: upstream calls/req ${fewer(off.callsPerRequest, on.callsPerRequest)} fewer, ` +
        `p50 ${ratio(off.p50 / on.p50)} lower, p99 ${ratio(off.p99 / on.p99)} lower, req/s ${ratio(on.requestsPerSecond / off.requestsPerSecond)}`,
    );
  }
  if (off && nobatch) {
    lines.push(
      `- batching on vs off (cache off): upstream calls/req ${fewer(nobatch.callsPerRequest, off.callsPerRequest)} fewer, ` +
        `p50 ${ratio(nobatch.p50 / off.p50)} lower, p99 ${ratio(nobatch.p99 / off.p99)} lower, req/s ${ratio(off.requestsPerSecond / nobatch.requestsPerSecond)}`,
    );
  }
  return lines.join('\n');
}

export interface RunInfo {
  machine: Machine;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  latencyMs: number;
  jitterMs: number;
  redisUrl: string | null;
  ftQuota: boolean;
  interleave: boolean;
  rounds: number;
  startedAt: Date;
  totalSeconds: number;
}

export function header(info: RunInfo): string {
  const { machine } = info;
  return [
    `Run ${info.startedAt.toISOString()} — ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.platform}.`,
    `Upstream latency ${info.latencyMs} ± ${info.jitterMs} ms per call; autocannon ${info.connections} connections, ${info.durationSeconds} s per cell after ${info.warmupSeconds} s of warm-up; ` +
      `cache on = ${info.redisUrl === null ? 'in-process memory tier only' : `Redis ${info.redisUrl} (+ in-process tier)`}; ` +
      `France Travail quota ${info.ftQuota ? 'kept (10 calls/s)' : 'lifted (unthrottled simulator client)'}; ` +
      `${info.interleave ? 'configurations interleaved per scenario' : 'one configuration after another'}` +
      `${info.rounds > 1 ? `, median of ${info.rounds} rounds` : ''}; whole run ${Math.round(info.totalSeconds)} s.`,
  ].join('\n');
}

const mean = (values: ReadonlyArray<number | null>): number => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? Number.NaN : known.reduce((sum, value) => sum + value, 0) / known.length;
};

/**
 * Where the CPU went during the measured runs of each configuration, in cores (2 in all here):
 * the simulators must stay a small share, or the benchmark measures them. "Others" is what the
 * machine spent outside this benchmark (other users' builds and tests on a shared machine).
 */
export function cpuSummary(results: readonly CellResult[]): string {
  const lines = [
    row(['configuration', 'gateway', 'subgraphs', 'simulators', 'load generator', 'others', 'machine busy', 'simulators / stack']),
    row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:']),
  ];
  for (const label of [...new Set(results.map((result) => result.label))]) {
    const runs = results.filter((result) => result.label === label).flatMap((result) => (result.warm ? [result.warm.cpu] : []));
    if (runs.length === 0) continue;
    const gateway = mean(runs.map((cpu) => cpu.gateway));
    const subgraphs = mean(runs.map((cpu) => cpu.subgraphs));
    const simulators = mean(runs.map((cpu) => cpu.simulators));
    const loadGenerator = mean(runs.map((cpu) => cpu.loadGenerator));
    const machine = mean(runs.map((cpu) => cpu.machine));
    const others = machine - gateway - subgraphs - simulators - loadGenerator;
    const stack = gateway + subgraphs + simulators;
    lines.push(
      row([label, num(gateway, 2), num(subgraphs, 2), num(simulators, 2), num(loadGenerator, 2), num(Math.max(0, others), 2), num(machine, 2), Number.isFinite(stack) && stack > 0 ? percent(simulators / stack) : '—']),
    );
  }
  return lines.join('\n');
}
