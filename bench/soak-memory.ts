import { readFileSync } from 'node:fs';

/**
 * Memory of one process of the stack at one instant: RSS from /proc (every process, simulators
 * included), V8 heap used from the service's own /metrics (prom-client's default metrics) where
 * it has one.
 */
export interface MemorySample {
  service: string;
  rssMiB: number | null;
  heapUsedMiB: number | null;
}

const MIB = 1024 * 1024;

export function rssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((each) => each.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export async function heapUsedMiB(metricsUrl: string): Promise<number | null> {
  try {
    const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(2000) })).text();
    const line = text.split('\n').find((each) => each.startsWith('nodejs_heap_size_used_bytes'));
    return line ? Number(line.split(' ')[1]) / MIB : null;
  } catch {
    return null;
  }
}

/** Growth of a series from its first to its last value, in per cent (null when either is missing). */
export function growthPercent(values: readonly (number | null)[]): number | null {
  const first = values[0];
  const last = values.at(-1);
  if (first === null || first === undefined || last === null || last === undefined || first === 0) return null;
  return ((last - first) / first) * 100;
}
