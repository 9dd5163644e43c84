import { coldVariants } from '../cold-variants.js';
import type { Scenario } from '../scenarios.js';
import type { BenchStack } from '../stack.js';
import type { PeerRequest } from './cell.js';

/** What one scenario sends: the same request repeated, and a pool of requests with varied variables. */
export interface ScenarioRequests {
  scenario: Scenario;
  repeated: PeerRequest;
  varied: PeerRequest[];
  /** Requests with the next variables of the same world, sent by no cell nor the check: searches nobody asked before. */
  fresh: PeerRequest[];
}

/**
 * Builds each scenario's requests. The varied pool comes from the simulators' own world (other
 * departments, communes, occupations, job-seeker workers), so every request has data behind it;
 * tokens come from the development issuer, one per worker.
 */
export async function scenarioRequests(stack: BenchStack, scenarios: readonly Scenario[], variants: number, fresh = 0): Promise<ScenarioRequests[]> {
  const tokens = new Map<string, string>();
  const headersOf = async (workerId: string | undefined): Promise<Record<string, string>> => {
    if (workerId === undefined) return {};
    let token = tokens.get(workerId);
    if (token === undefined) {
      token = await stack.workerToken(workerId);
      tokens.set(workerId, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  const all: ScenarioRequests[] = [];
  for (const scenario of scenarios) {
    const repeated = { body: JSON.stringify({ query: scenario.query, variables: scenario.variables }), headers: await headersOf(scenario.workerId) };
    const pool: PeerRequest[] = [];
    for (const variant of coldVariants(scenario.id, variants + fresh, scenario.variables)) {
      pool.push({ body: JSON.stringify({ query: scenario.query, variables: variant.variables }), headers: await headersOf(variant.workerId) });
    }
    all.push({ scenario, repeated, varied: pool.slice(0, variants), fresh: pool.slice(variants) });
  }
  return all;
}

/** `data` with object keys sorted, so two gateways' answers compare by content only. */
export function canonicalData(body: unknown): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, item]) => [key, sort(item)]));
    }
    return value;
  };
  const data = body !== null && typeof body === 'object' && 'data' in body ? body.data : undefined;
  return JSON.stringify(sort(data ?? null));
}

export async function send(url: string, request: PeerRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
  return { status: response.status, body: (await response.json()) as unknown };
}
