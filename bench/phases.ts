import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchSettings } from './cli.js';
import { cpuWindow } from './cpu.js';
import { coldVariants } from './cold-variants.js';
import { problemOf, runColdLoad, runLoad, sendOnce, type ColdRequest } from './measure.js';
import type { ColdMeasure, ColdTrafficMeasure, WarmMeasure } from './report.js';
import type { Scenario } from './scenarios.js';
import type { BenchStack } from './stack.js';

export type Headers = Record<string, string>;

export async function headersFor(stack: BenchStack, scenario: Scenario): Promise<Headers> {
  return scenario.workerId ? { authorization: `Bearer ${await stack.workerToken(scenario.workerId)}` } : {};
}

/** First request of a scenario on this stack: the check that it answers, and the cold measure. */
export async function cold(stack: BenchStack, scenario: Scenario, headers: Headers): Promise<ColdMeasure | { problem: string }> {
  await stack.resetCalls();
  const first = await sendOnce(stack.graphql, scenario, headers);
  const calls = await stack.calls();
  const problem = problemOf(first);
  if (problem !== undefined) return { problem };
  return { calls: calls.total, byOperator: calls.byOperator, ms: first.ms };
}

/**
 * Cold traffic (cache on): `coldRequests` requests of the scenario, each with variables not asked
 * before, `connections` at a time — latency and throughput when the cache holds no answer yet.
 * First, as many other new requests (other variables again, unmeasured) warm the processes: a
 * running service has compiled its code and opened its pools long before a question is new to it,
 * and a fresh stack's first requests measure V8's warm-up, not the cache. Entries the two batches
 * share (an occupation's label, a provider's reviews) may then be warm, as in production.
 */
export async function coldTraffic(
  stack: BenchStack,
  scenario: Scenario,
  settings: Pick<BenchSettings, 'coldRequests' | 'connections'>,
): Promise<ColdTrafficMeasure> {
  const requests: ColdRequest[] = [];
  for (const variant of coldVariants(scenario.id, settings.coldRequests * 2, scenario.variables)) {
    const headers: Headers = variant.workerId ? { authorization: `Bearer ${await stack.workerToken(variant.workerId)}` } : {};
    requests.push({ body: JSON.stringify({ query: scenario.query, variables: variant.variables }), headers });
  }
  const measured = requests.slice(-settings.coldRequests);
  const warmUp = requests.slice(0, requests.length - measured.length);
  if (warmUp.length > 0) {
    await runColdLoad(stack.graphql, warmUp, settings.connections);
    await quiet(stack);
  }
  await stack.resetCalls();
  const result = await runColdLoad(stack.graphql, measured, settings.connections);
  await quiet(stack);
  const calls = await stack.calls();
  return { ...result, callsPerRequest: calls.total / result.requests, warmedWith: warmUp.length };
}

/**
 * Waits until the stack has finished the requests autocannon abandoned when its time was up:
 * their upstream calls would otherwise be counted against the next measure.
 */
async function quiet(stack: BenchStack): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let attempt = 0; attempt < 200 && stable < 2; attempt += 1) {
    const { total } = await stack.calls();
    stable = total === last ? stable + 1 : 0;
    last = total;
    await sleep(300);
  }
}

type LoadSettings = Pick<BenchSettings, 'connections' | 'warmupSeconds' | 'durationSeconds' | 'samples'>;

/**
 * After a warm-up: the load run (latency, throughput, CPU), then a few sequential requests for
 * the upstream calls per request — counted apart from the load run, where requests still in
 * flight when it stops would make the ratio wrong.
 */
export async function warm(stack: BenchStack, scenario: Scenario, headers: Headers, settings: LoadSettings): Promise<WarmMeasure> {
  const load = { connections: settings.connections };
  if (settings.warmupSeconds > 0) await runLoad(stack.graphql, scenario, headers, { ...load, durationSeconds: settings.warmupSeconds });
  await quiet(stack);
  const finishCpu = await cpuWindow(stack.simulatorCpu);
  const result = await runLoad(stack.graphql, scenario, headers, { ...load, durationSeconds: settings.durationSeconds });
  const cpu = await finishCpu();
  await quiet(stack);
  await stack.resetCalls();
  for (let sample = 0; sample < settings.samples; sample += 1) {
    const problem = problemOf(await sendOnce(stack.graphql, scenario, headers));
    if (problem !== undefined) throw new Error(`${scenario.id} failed after the load run:\n      ${problem}`);
  }
  const calls = await stack.calls();
  const callsByOperator = Object.fromEntries(Object.entries(calls.byOperator).map(([operator, total]) => [operator, total / settings.samples]));
  return { ...result, callsPerRequest: calls.total / settings.samples, callsByOperator, cpu };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const meanOrNull = (values: ReadonlyArray<number | null>): number | null =>
  values.some((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0) / values.length;

/** Several rounds of one cell: medians of latency and throughput, errors summed, CPU averaged. */
export function combineRounds(rounds: readonly WarmMeasure[]): WarmMeasure {
  const last = rounds[rounds.length - 1];
  if (last === undefined) throw new Error('no rounds to combine');
  if (rounds.length === 1) return last;
  const sum = (pickValue: (round: WarmMeasure) => number) => rounds.reduce((total, round) => total + pickValue(round), 0);
  return {
    ...last,
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    responses: sum((round) => round.responses),
    graphqlErrors: sum((round) => round.graphqlErrors),
    non2xx: sum((round) => round.non2xx),
    socketErrors: sum((round) => round.socketErrors),
    cpu: {
      simulators: sum((round) => round.cpu.simulators) / rounds.length,
      gateway: meanOrNull(rounds.map((round) => round.cpu.gateway)),
      subgraphs: meanOrNull(rounds.map((round) => round.cpu.subgraphs)),
      loadGenerator: sum((round) => round.cpu.loadGenerator) / rounds.length,
      machine: meanOrNull(rounds.map((round) => round.cpu.machine)),
    },
  };
}
