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
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: requestBody(scenario) });
  const body = (await response.json()) as GraphQLBody;
  return { ms: performance.now() - started, status: response.status, body };
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
