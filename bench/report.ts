import type { BenchConfig } from './configs.js';
import type { Machine } from './machine.js';
import type { LoadResult } from './measure.js';

export interface ColdMeasure {
  /** Upstream calls the first request made (fresh stack, calls reset, cache flushed). */
  calls: number;
  byOperator: Record<string, number>;
  ms: number;
}

export interface WarmMeasure extends LoadResult {
  callsPerRequest: number;
  /** Simulator CPU time over wall time during the run: 1 = one core busy. */
  simulatorCores: number;
  /** Whole-machine busy CPU over wall time during the run (all processes, the load generator included). */
  machineCores: number | null;
}

export interface CellResult {
  config: BenchConfig['id'];
  label: string;
  scenario: string;
  cold: ColdMeasure;
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

export function scenarioTable(title: string, cells: readonly CellResult[]): string {
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
        warm === null ? '—' : `${percent(warm.simulatorCores)} of a core`,
      ]),
    );
  }
  const off = cells.find((cell) => cell.config === 'off')?.warm;
  const on = cells.find((cell) => cell.config === 'on')?.warm;
  const nobatch = cells.find((cell) => cell.config === 'nobatch')?.warm;
  lines.push('');
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
  startedAt: Date;
  totalSeconds: number;
}

export function header(info: RunInfo): string {
  const { machine } = info;
  return [
    `Run ${info.startedAt.toISOString()} — ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.platform}.`,
    `Upstream latency ${info.latencyMs} ± ${info.jitterMs} ms per call; autocannon ${info.connections} connections, ${info.durationSeconds} s per cell after ${info.warmupSeconds} s of warm-up; ` +
      `cache on = ${info.redisUrl === null ? 'in-process memory tier only' : `Redis ${info.redisUrl} (+ in-process tier)`}; ` +
      `France Travail quota ${info.ftQuota ? 'kept (10 calls/s)' : 'lifted (unthrottled simulator client)'}; whole run ${Math.round(info.totalSeconds)} s.`,
  ].join('\n');
}

/** Simulators' share of the CPU over all load runs of a configuration. */
export function cpuSummary(results: readonly CellResult[]): string {
  const lines = ['| configuration | simulators (cores) | whole machine busy (cores) | simulators\' share of busy CPU |', '| --- | --: | --: | --: |'];
  const labels = [...new Set(results.map((result) => result.label))];
  for (const label of labels) {
    const warm = results.filter((result) => result.label === label).flatMap((result) => (result.warm ? [result.warm] : []));
    if (warm.length === 0) continue;
    const simulators = warm.reduce((sum, run) => sum + run.simulatorCores, 0) / warm.length;
    const machineRuns = warm.flatMap((run) => (run.machineCores === null ? [] : [run.machineCores]));
    const machine = machineRuns.length === 0 ? Number.NaN : machineRuns.reduce((sum, value) => sum + value, 0) / machineRuns.length;
    lines.push(row([label, num(simulators, 2), num(machine, 2), Number.isFinite(machine) && machine > 0 ? percent(simulators / machine) : '—']));
  }
  return lines.join('\n');
}
