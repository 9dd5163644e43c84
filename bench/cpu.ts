import { serviceOfCommand } from '../scripts/stack.js';
import { childCpuTicks, machineCpuTicks, SECONDS_PER_TICK } from './machine.js';
import type { CpuSample } from './stack.js';

/** CPU used during one measured run, in cores (CPU seconds per wall second: 1 = one core busy). */
export interface CpuShares {
  /** From the simulators' own `GET /_admin/cpu`. */
  simulators: number;
  gateway: number | null;
  subgraphs: number | null;
  /** This process: autocannon generating the load. */
  loadGenerator: number;
  /** Busy CPU of the whole machine (`/proc/stat`), everything above included. */
  machine: number | null;
}

const STACK_GROUPS: Record<string, 'gateway' | 'subgraphs' | 'simulators'> = {
  gateway: 'gateway',
  upstreams: 'simulators',
  'caisse-des-depots': 'subgraphs',
  'france-travail': 'subgraphs',
  'training-catalog': 'subgraphs',
};

function groupTicks(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { ticks, command } of childCpuTicks().values()) {
    const service = serviceOfCommand(command);
    const group = service ? STACK_GROUPS[service.name] : undefined;
    if (group) totals.set(group, (totals.get(group) ?? 0) + ticks);
  }
  return totals;
}

/**
 * Samples before a run; the returned function samples after it and turns the differences into
 * cores. Per-process figures come from `/proc` (Linux), the simulators' also from their endpoint.
 */
export async function cpuWindow(simulatorCpu: () => Promise<CpuSample>): Promise<() => Promise<CpuShares>> {
  const simulatorBefore = await simulatorCpu();
  const ownBefore = process.cpuUsage();
  const machineBefore = machineCpuTicks();
  const groupsBefore = groupTicks();
  return async () => {
    const groupsAfter = groupTicks();
    const machineAfter = machineCpuTicks();
    const own = process.cpuUsage(ownBefore);
    const simulatorAfter = await simulatorCpu();
    const wallSeconds = (simulatorAfter.wallMicros - simulatorBefore.wallMicros) / 1e6;
    const simulatorMicros = simulatorAfter.userMicros + simulatorAfter.systemMicros - simulatorBefore.userMicros - simulatorBefore.systemMicros;
    const group = (name: string): number | null => {
      const before = groupsBefore.get(name);
      const after = groupsAfter.get(name);
      return before === undefined || after === undefined ? null : ((after - before) * SECONDS_PER_TICK) / wallSeconds;
    };
    return {
      simulators: simulatorMicros / 1e6 / wallSeconds,
      gateway: group('gateway'),
      subgraphs: group('subgraphs'),
      loadGenerator: (own.user + own.system) / 1e6 / wallSeconds,
      machine: machineBefore && machineAfter ? ((machineAfter.busy - machineBefore.busy) * SECONDS_PER_TICK) / wallSeconds : null,
    };
  };
}
