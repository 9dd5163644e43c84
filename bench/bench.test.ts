import { createServer } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Rng } from '../upstreams/data/prng.js';
import { registerAdmin } from '../upstreams/core/admin.js';
import { parseBenchArgs } from './cli.js';
import { benchConfigs } from './configs.js';
import { coldVariants } from './cold-variants.js';
import { runColdLoad } from './measure.js';
import { combineRounds } from './phases.js';
import { scenarioTable, type CellResult } from './report.js';
import { loadScenarios } from './scenarios.js';
import { flushBenchRedis } from './stack.js';

const cpu = { simulators: 0.1, gateway: 0.3, subgraphs: 0.4, loadGenerator: 0.05, machine: 1 };
const cell = (config: CellResult['config'], label: string, callsPerRequest: number, p50: number, requestsPerSecond: number): CellResult => ({
  config,
  label,
  scenario: 'job-search',
  cold: { calls: 4, byOperator: { francetravail: 4 }, ms: 120 },
  coldTraffic: null,
  warm: { p50, p99: p50 * 2, requestsPerSecond, responses: 100, graphqlErrors: 0, non2xx: 0, socketErrors: 0, callsPerRequest, callsByOperator: {}, cpu },
});

describe('benchmark harness', () => {
  it('loads the four graph.md scenarios, without their comment lines', () => {
    const scenarios = loadScenarios();
    expect(scenarios.map((scenario) => scenario.id)).toEqual(['worker-dashboard', 'training-finder', 'job-search', 'career-change']);
    for (const scenario of scenarios) {
      expect(scenario.query).toMatch(/^query \w+/);
      expect(scenario.query).not.toMatch(/^#/m);
    }
    expect(scenarios.find((scenario) => scenario.id === 'worker-dashboard')?.workerId).toBe('W000005');
  });

  it('runs cache off, cache on and batching off with only the switch that differs', () => {
    const [off, on, nobatch] = benchConfigs({ redisUrl: 'redis://127.0.0.1:6379/5', latencyMs: 40, jitterMs: 10, ftQuota: false }, ['off', 'on', 'nobatch']);
    expect(off?.env).toMatchObject({ CACHE_MODE: 'off', LOADER_BATCH: 'true', REDIS_URL: '', UPSTREAM_LATENCY_MS: '40', RATE_LIMIT_ENABLED: 'false' });
    expect(on?.env).toMatchObject({ CACHE_MODE: 'on', LOADER_BATCH: 'true', REDIS_URL: 'redis://127.0.0.1:6379/5' });
    expect(on?.flushRedis).toBe(true);
    expect(nobatch?.env).toMatchObject({ CACHE_MODE: 'off', LOADER_BATCH: 'false' });
    const memoryOnly = benchConfigs({ redisUrl: null, latencyMs: 40, jitterMs: 10, ftQuota: true }, ['on']);
    expect(memoryOnly[0]?.env['REDIS_URL']).toBe('');
    expect(memoryOnly[0]?.env['FT_CLIENT_ID']).toBeUndefined();
  });

  it('prints the ratios side by side', () => {
    const table = scenarioTable('Job search', [cell('off', 'cache off', 8, 200, 40), cell('on', 'cache on', 0, 20, 400), cell('nobatch', 'batching off', 24, 300, 20)]);
    expect(table).toContain('| cache off | 4 | 8.0 | 120 | 200 | 400 | 40.0 | 0 | 10 % of a core |');
    expect(table).toContain('cache warm vs off: upstream calls/req 8.0 → 0 fewer, p50 10× lower, p99 10× lower, req/s 10×');
    expect(table).toContain('batching on vs off (cache off): upstream calls/req 3.0× fewer, p50 1.5× lower, p99 1.5× lower, req/s 2.0×');
  });

  it('prints the cold-traffic measure of the cache-on run beside off and warm', () => {
    const on = { ...cell('on', 'cache on', 0, 20, 400), coldTraffic: { p50: 100, p99: 300, requestsPerSecond: 80, requests: 30, errors: 0, callsPerRequest: 6, warmedWith: 30 } };
    const table = scenarioTable('Job search', [cell('off', 'cache off', 8, 200, 40), on]);
    expect(table).toContain('- cache on, cold traffic (30 requests, each with variables not asked before, after 30 other new ones warmed the processes): 6.0 upstream calls/req, p50 100 ms, p99 300 ms, 80.0 req/s, 0 errors');
    expect(table).toContain('- cache cold vs off: p50 2.0× lower, p99 1.3× lower, req/s 2.0×');
    expect(table).toContain('- cache warm vs cold: p50 5.0× lower, p99 7.5× lower, req/s 5.0×');
  });

  it('prints the cold p50 against the data critical path when the scenario states one (the dashboard: 3 hops)', () => {
    expect(loadScenarios().find((scenario) => scenario.id === 'worker-dashboard')?.criticalPathHops).toBe(3);
    const on = { ...cell('on', 'cache on', 0, 20, 400), coldTraffic: { p50: 180, p99: 300, requestsPerSecond: 80, requests: 30, errors: 0, callsPerRequest: 6, warmedWith: 0 } };
    const table = scenarioTable('Dashboard', [cell('off', 'cache off', 8, 200, 40), on], { hops: 3, latencyMs: 40 });
    expect(table).toContain("- cold p50 vs the data's critical path (3 × 40 ms = 120 ms): cache off p50 200 ms = 1.7×, cache-on cold traffic p50 180 ms = 1.5× (target ≤ 1.2×)");
  });

  it('draws cold-traffic variables nobody asked before, never the measured ones', () => {
    // 60: the measured 30 and the 30 that warm the processes first (bench/phases.ts), all distinct.
    for (const scenario of loadScenarios()) {
      const variants = coldVariants(scenario.id, 60, scenario.variables);
      expect(variants).toHaveLength(60);
      const keys = variants.map((variant) => `${variant.workerId ?? ''}${JSON.stringify(variant.variables)}`);
      expect(new Set(keys).size).toBe(60);
      expect(keys).not.toContain(`${scenario.workerId ?? ''}${JSON.stringify(scenario.variables)}`);
    }
  });

  it('times cold requests one body each, counting answers with errors', async () => {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(body.includes('"bad"') ? '{"data":null,"errors":[{"message":"x"}]}' : '{"data":{"ok":true}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    try {
      const requests = ['a', 'b', 'bad', 'c'].map((value) => ({ body: JSON.stringify({ query: '{ x }', variables: { value } }), headers: {} }));
      const result = await runColdLoad(url, requests, 2);
      expect(result).toMatchObject({ requests: 4, errors: 1 });
      expect(result.p50).toBeLessThanOrEqual(result.p99);
      expect(result.requestsPerSecond).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('reads its flags, refusing unknown scenarios and configurations', () => {
    const settings = parseBenchArgs(['--duration', '3', '--only', 'job-search,career-change', '--configs', 'off,on', '--interleave', '--rounds', '2']);
    expect(settings).toMatchObject({ durationSeconds: 3, warmupSeconds: 2, connections: 10, coldRequests: 30, configIds: ['off', 'on'], interleave: true, rounds: 2 });
    expect(settings?.scenarios.map((scenario) => scenario.id)).toEqual(['job-search', 'career-change']);
    expect(parseBenchArgs(['--help'])).toBeNull();
    expect(() => parseBenchArgs(['--only', 'nope'])).toThrow(/--only: unknown "nope"/);
    expect(() => parseBenchArgs(['--configs', 'warm'])).toThrow(/--configs/);
    expect(() => parseBenchArgs(['--duration', '0'])).toThrow(/--duration/);
  });

  it('combines rounds into medians, summing errors', () => {
    const rounds = [30, 10, 20].map((p50, index) => ({ ...(cell('off', 'cache off', 2, p50, 100 - p50).warm ?? ({} as never)), graphqlErrors: index }));
    const combined = combineRounds(rounds);
    expect(combined).toMatchObject({ p50: 20, p99: 40, requestsPerSecond: 80, responses: 300, graphqlErrors: 3, callsPerRequest: 2 });
    expect(combined.cpu.gateway).toBeCloseTo(0.3);
  });

  it('never flushes Redis database 0', async () => {
    await expect(flushBenchRedis('redis://127.0.0.1:6379')).rejects.toThrow(/dedicated database/);
    await expect(flushBenchRedis('redis://127.0.0.1:6379/0')).rejects.toThrow(/dedicated database/);
  });

  it('the simulators report their CPU time on /_admin/cpu, without counting it as an upstream call', async () => {
    const app = Fastify();
    const state = { faults: new Map(), calls: new Map<string, number>(), requestIds: new Map(), rng: new Rng('bench') };
    registerAdmin(app, state);
    const first = (await app.inject({ method: 'GET', url: '/_admin/cpu' })).json<{ pid: number; userMicros: number; wallMicros: number }>();
    for (let spin = 0; spin < 1e6; spin += 1) Math.sqrt(spin);
    const second = (await app.inject({ method: 'GET', url: '/_admin/cpu' })).json<{ userMicros: number; wallMicros: number }>();
    expect(first.pid).toBe(process.pid);
    expect(second.userMicros).toBeGreaterThanOrEqual(first.userMicros);
    expect(second.wallMicros).toBeGreaterThan(first.wallMicros);
    expect(state.calls.size).toBe(0);
    await app.close();
  });
});
