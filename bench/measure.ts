import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';

export interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface SingleRun {
  ms: number;
  status: number;
  body: GraphQLBody;
}

export function requestBody(scenario: Scenario): string {
  return JSON.stringify({ query: scenario.query, variables: scenario.variables });
}

/** One request, timed (used for the check before the run and for the cold request). */
export async function sendOnce(url: string, scenario: Scenario, headers: Record<string, string>): Promise<SingleRun> {
  return await sendBody(url, { body: requestBody(scenario), headers });
}

/** Percentile of unsorted values, rank floor(p × n) (what bench:faults and bench:refresh print); 0 for none. */
export function percentileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The runs' GraphQL errors counted by `extensions.code`, as JSON (`{"RATE_LIMITED":13}`). */
export function errorCodes(runs: readonly SingleRun[]): string {
  const counted: Record<string, number> = {};
  for (const run of runs) for (const error of run.body.errors ?? []) counted[String(error.extensions?.['code'])] = (counted[String(error.extensions?.['code'])] ?? 0) + 1;
  return JSON.stringify(counted);
}

/** Why a response does not count as an answer: a non-200 status, no data, or any error. */
export function problemOf(run: SingleRun): string | undefined {
  if (run.status !== 200) return `HTTP ${run.status}: ${JSON.stringify(run.body).slice(0, 500)}`;
  if (run.body.errors !== undefined && run.body.errors.length > 0) {
    return run.body.errors
      .slice(0, 5)
      .map((error) => `${String(error.extensions?.['code'] ?? '?')} at ${(error.path ?? []).join('.')}: ${error.message}`)
      .join('\n      ');
  }
  if (run.body.data === null || run.body.data === undefined) return 'no data';
  return undefined;
}

export interface LoadResult {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  responses: number;
  /** 200 responses whose body carries `errors` (a partial answer is not a success). */
  graphqlErrors: number;
  non2xx: number;
  socketErrors: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

/**
 * autocannon in this process against the gateway. Bodies are checked with a substring test only:
 * parsing every response would spend the CPU the services under test need (two cores in all).
 */
export async function runLoad(url: string, scenario: Scenario, headers: Record<string, string>, options: LoadOptions): Promise<LoadResult> {
  let responses = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: requestBody(scenario),
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 30,
    requests: [
      {
        onResponse: (status, body) => {
          responses += 1;
          if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: responses / result.duration,
    responses,
    graphqlErrors,
    non2xx: result.non2xx,
    socketErrors: result.errors,
  };
}

export interface ColdRequest {
  body: string;
  headers: Record<string, string>;
}

export interface ColdLoadResult {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  /** Non-200 answers and answers carrying `errors`. */
  errors: number;
}

/** Nearest-rank percentile of sorted latencies. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Sends every request once, `concurrency` at a time (autocannon repeats one body; cold traffic
 * needs a different one per request), and times each from send to parsed answer.
 */
export async function runColdLoad(url: string, requests: readonly ColdRequest[], concurrency: number): Promise<ColdLoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < requests.length; index = next++) {
      const request = requests[index];
      if (!request) continue;
      const sent = performance.now();
      const run = await sendBody(url, request);
      latencies.push(performance.now() - sent);
      if (problemOf(run) !== undefined) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), requestsPerSecond: requests.length / seconds, requests: requests.length, errors };
}

async function sendBody(url: string, request: ColdRequest): Promise<SingleRun> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
  const body = (await response.json()) as GraphQLBody;
  return { ms: performance.now() - started, status: response.status, body };
}
