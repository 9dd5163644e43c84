import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../bench/scenarios.js';
import { startTestStack, UNTHROTTLED_FRANCE_TRAVAIL, type GraphQLResult, type TestStack } from './stack.js';

/**
 * An operator's outage costs only its own fields (#19.3). Each operator is faulted in turn (the
 * simulator's admin API, 503 on every call) and each of the four graph.md queries is compared with
 * its healthy answer: every leaf that differs lies under a field that depends on that operator
 * (docs/graph.md § "Fields that can be null on failure"), and each such field carries an error with
 * its path. Cache off, so every answer asks the operators; a long budget and the unthrottled
 * France Travail client so the healthy answers are complete.
 */
const DEPENDENT_FIELDS: Record<string, readonly string[]> = {
  francetravail: ['jobOffers', 'jobSeeker', 'occupation', 'relatedOccupations', 'outcomes', 'company', 'soughtOccupation'],
  anotea: ['reviews'],
  caissedesdepots: ['activityAccount', 'funding'],
  'opendata-cdc': ['cpfEligible', 'funding'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of `value` as [path, value]. */
function leaves(value: Json, path: (string | number)[] = []): [(string | number)[], Json][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [[path, value]];
}

function at(value: Json | undefined, path: (string | number)[]): Json | undefined {
  let current: Json | undefined = value;
  for (const step of path) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[step];
  }
  return current;
}

describe('failure containment, one operator at a time', () => {
  let stack: TestStack;
  const scenarios = loadScenarios();
  const run = async (scenario: (typeof scenarios)[number]): Promise<GraphQLResult> =>
    await stack.query(scenario.query, scenario.variables, scenario.workerId ? { authorization: `Bearer ${await stack.workerToken(scenario.workerId)}` } : {});

  beforeAll(async () => {
    // France Travail's 10 calls/s is not under test here (test/security, test/deadline): the
    // simulator's unthrottled client keeps twenty cache-off training finders from taking minutes.
    // Nor are the per-principal budgets (test/security/rate-limit): one test client sends every
    // scenario under every fault, well past an anonymous caller's 10,000 a minute.
    stack = await startTestStack({
      env: {
        CACHE_MODE: 'off',
        REQUEST_BUDGET_MS: '20000',
        ...UNTHROTTLED_FRANCE_TRAVAIL,
        RATE_LIMIT_ANONYMOUS: '100000',
        RATE_LIMIT_WORKER: '100000',
        RATE_LIMIT_COST_ANONYMOUS: '10000000',
        RATE_LIMIT_COST_WORKER: '10000000',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('logs one warning per breaker state change during an outage, with its counts and no stack (#19.4)', async () => {
    const jobSearch = scenarios.find((scenario) => scenario.id === 'job-search');
    if (!jobSearch) throw new Error('job-search scenario missing');
    const faults = (body: Record<string, unknown> | null) =>
      fetch(`${stack.urls.upstreams}/_admin/faults`, body === null ? { method: 'DELETE' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await faults({ francetravail: { forcedStatus: 503 } });
    const outage = 25;
    try {
      for (let i = 0; i < outage; i += 1) {
        const result = await run(jobSearch);
        expect(result.status).toBe(200);
        expect(result.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      }
    } finally {
      await faults(null);
    }
    // The breaker half-opens after its reset timeout; the next call closes it.
    for (let tries = 0; tries < 40; tries += 1) {
      if ((await run(jobSearch)).body.errors === undefined) break;
      await sleep(1_000);
    }
    // The subgraph writes the "closed" line as the probe succeeds; its stdout may reach this process
    // after the answer does: read the log until it holds it (bounded by tries, not asserted on time).
    for (let tries = 0; tries < 50 && !stack.logs('france-travail').includes('upstream breaker closed'); tries += 1) await sleep(100);
    const lines = stack
      .logs('france-travail')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; operator?: string; breaker?: string; failures?: Record<string, number>; calls?: number; stack?: unknown; err?: unknown });
    const warnings = lines.filter((line) => line.level >= 40 && line.operator === 'france-travail');
    expect(warnings.map((line) => line.breaker)).toEqual(['open', 'half-open', 'closed']);
    const opened = warnings[0];
    // The warning that opened it counts the 503s (class `server`) seen since the breaker last changed.
    expect(opened?.failures?.['server']).toBeGreaterThanOrEqual(5);
    expect(opened?.calls).toBeGreaterThanOrEqual(opened?.failures?.['server'] ?? 0);
    for (const line of lines.filter((entry) => entry.level >= 40)) {
      expect(line.stack, line.msg).toBeUndefined();
      expect(JSON.stringify(line.err ?? null), line.msg).not.toContain('    at ');
    }
  }, 120_000);

  it('serves every field that does not depend on the failing operator', async () => {
    const healthy = new Map<string, Json>();
    for (const scenario of scenarios) {
      const result = await run(scenario);
      expect(result.body.errors, `${scenario.id}: ${JSON.stringify(result.body.errors)}`).toBeUndefined();
      healthy.set(scenario.id, result.body.data as Json);
    }
    for (const [operator, dependent] of Object.entries(DEPENDENT_FIELDS)) {
      await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [operator]: { forcedStatus: 503 } }) });
      try {
        for (const scenario of scenarios) {
          const result = await run(scenario);
          expect(result.status, `${operator} ${scenario.id}`).toBe(200);
          const data = (result.body.data ?? null) as Json;
          const lost = leaves(healthy.get(scenario.id) ?? null).filter(([path, value]) => at(data, path) !== value);
          for (const [path] of lost) {
            const field = path.find((step): step is string => typeof step === 'string' && dependent.includes(step));
            expect(field, `${operator} ${scenario.id}: ${path.join('.')} lost`).toBeDefined();
          }
          // Each nulled dependent field is reported with its path.
          for (const error of result.body.errors ?? []) {
            expect(error.path, `${operator} ${scenario.id}`).toBeDefined();
            expect(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'RATE_LIMITED']).toContain(error.extensions?.['code']);
          }
          if (lost.length > 0) expect(result.body.errors?.length ?? 0, `${operator} ${scenario.id}`).toBeGreaterThan(0);
        }
      } finally {
        await fetch(`${stack.urls.upstreams}/_admin/faults`, { method: 'DELETE' });
      }
      // Let the operator's breaker close again (half-open probe) before faulting the next one.
      for (let tries = 0; tries < 40; tries += 1) {
        const answers = await Promise.all(scenarios.map(run));
        if (answers.every((answer) => answer.body.errors === undefined)) break;
        await sleep(1_000);
      }
    }
  }, 300_000);
});
