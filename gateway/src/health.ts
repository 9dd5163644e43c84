import { request as undiciRequest, type Agent } from 'undici';
import { gauge } from '../../lib/metrics/index.js';
import type { Readiness } from '../../lib/server/http.js';

/**
 * The gateway's readiness (README § Probes): ready while it can serve *some* part of the graph,
 * i.e. while at least one subgraph is ready. A subgraph that is down costs only its fields (the
 * rest is served), so taking every gateway replica out of the load balancer because of it would
 * turn a partial outage into a total one. Per-subgraph health goes in the body and in the
 * `cpa_gateway_subgraph_ready` gauge.
 *
 * A subgraph is asked on its own `GET /readyz` (its origin, beside /graphql): that is its own
 * verdict (catalogue loaded, warm-up done), and it needs no GraphQL request, hence no signature.
 */
const subgraphReady = gauge<'subgraph'>({
  name: 'cpa_gateway_subgraph_ready',
  help: 'Whether the gateway sees each subgraph ready (1) or not (0), as of the last probe.',
  labelNames: ['subgraph'],
});

export interface SubgraphHealthOptions {
  urls: ReadonlyMap<string, string>;
  agent: Agent;
  timeoutMs?: number;
  /** Probes closer together than this share one result (a probe storm costs one round of requests). */
  reuseMs?: number;
  /** Other conditions the gateway itself needs (the JWKS warm-up). */
  selfReady?: () => Promise<Readiness>;
}

export function readyzUrl(graphqlUrl: string): string {
  return new URL('/readyz', graphqlUrl).toString();
}

export function createSubgraphHealth(options: SubgraphHealthOptions): { check: () => Promise<Readiness> } {
  const timeout = options.timeoutMs ?? 2_000;
  const reuse = options.reuseMs ?? 1_000;
  let last: { at: number; result: Promise<Record<string, boolean>> } | undefined;

  async function probe(url: string): Promise<boolean> {
    try {
      const response = await undiciRequest(readyzUrl(url), { method: 'GET', dispatcher: options.agent, headersTimeout: timeout, bodyTimeout: timeout });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  async function probeAll(): Promise<Record<string, boolean>> {
    const results = await Promise.all([...options.urls].map(async ([name, url]) => [name, await probe(url)] as const));
    for (const [name, ok] of results) subgraphReady.set({ subgraph: name }, ok ? 1 : 0);
    return Object.fromEntries(results);
  }

  const subgraphs = (): Promise<Record<string, boolean>> => {
    if (!last || Date.now() - last.at >= reuse) last = { at: Date.now(), result: probeAll() };
    return last.result;
  };

  return {
    check: async () => {
      const [states, self] = await Promise.all([subgraphs(), options.selfReady?.() ?? Promise.resolve<Readiness>({ ready: true })]);
      const up = Object.values(states).filter(Boolean).length;
      const all = up === Object.keys(states).length;
      const ready = self.ready && up > 0;
      const status = !ready ? 'not ready' : all ? 'ready' : 'degraded';
      return { ready, details: { status, supergraph: 'loaded', subgraphs: states, ...self.details } };
    },
  };
}
