import { createServer, type Server } from 'node:http';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../lib/metrics/index.js';
import { createSubgraphHealth } from './health.js';

/** Fake subgraphs over real HTTP whose /readyz verdict the test sets. */
const verdicts = new Map<string, number>([
  ['a', 200],
  ['b', 200],
]);
const servers: Server[] = [];
const urls = new Map<string, string>();
const agent = new Agent();

beforeAll(async () => {
  for (const name of verdicts.keys()) {
    const server = createServer((request, response) => {
      response.writeHead(request.url === '/readyz' ? (verdicts.get(name) ?? 500) : 404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no address');
    urls.set(name, `http://127.0.0.1:${address.port}/graphql`);
    servers.push(server);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await agent.close();
});

describe('gateway readiness', () => {
  it('is ready with every subgraph, degraded but still ready with one down, not ready with none', async () => {
    const health = createSubgraphHealth({ urls, agent, reuseMs: 0 });
    expect(await health.check()).toEqual({ ready: true, details: { status: 'ready', supergraph: 'loaded', subgraphs: { a: true, b: true } } });
    verdicts.set('b', 503);
    expect(await health.check()).toMatchObject({ ready: true, details: { status: 'degraded', subgraphs: { a: true, b: false } } });
    expect(await registry.getSingleMetricAsString('cpa_gateway_subgraph_ready')).toMatch(/subgraph="b"\} 0/);
    verdicts.set('a', 503);
    expect(await health.check()).toMatchObject({ ready: false, details: { status: 'not ready' } });
    verdicts.set('a', 200);
    verdicts.set('b', 200);
  });

  it('is not ready while its own warm-up is pending, whatever the subgraphs say', async () => {
    const health = createSubgraphHealth({ urls, agent, reuseMs: 0, selfReady: async () => ({ ready: false, details: { warmUp: { jwks: 'pending' } } }) });
    expect(await health.check()).toMatchObject({ ready: false, details: { status: 'not ready', warmUp: { jwks: 'pending' } } });
  });

  it('answers a burst of probes with one round of subgraph requests', async () => {
    let probes = 0;
    const counting = new Agent().compose((dispatch) => (options, handler) => {
      probes += 1;
      return dispatch(options, handler);
    });
    const health = createSubgraphHealth({ urls, agent: counting as unknown as Agent, reuseMs: 60_000 });
    await Promise.all([health.check(), health.check(), health.check()]);
    expect(probes).toBe(2);
  });
});
