import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { repoPath } from '../lib/paths.js';
import { metricSum } from '../lib/testing/metrics.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from './shared-stack.js';
import type { TestStack } from './stack.js';

/**
 * The foundation's promise: separate processes (simulators, three subgraphs, gateway) over
 * real HTTP, and one query crossing all three subgraphs through the gateway.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await sharedStack();
}, 120_000);

describe('whole stack', () => {
  it('answers health, readiness and metrics', async () => {
    expect((await fetch(`${stack.urls.gateway}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.urls.gateway}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      subgraphs: { 'caisse-des-depots': true, 'france-travail': true, 'job-seekers': true, 'training-catalog': true },
    });
    await stack.query('query Probe { occupation(romeCode: "M1805") { title } }');
    // Metrics are on their own loopback listener, not on the public port (issue #12).
    expect((await fetch(`${stack.urls.gateway}/metrics`)).status).toBe(404);
    const metrics = await (await fetch(stack.urls.metrics.gateway)).text();
    expect(metrics).toMatch(/graphql_requests_total\{[^}]*operation="Probe"[^}]*outcome="ok"/);
    expect(metrics).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="france-travail"\}/);
  });

  it('serves the explorer with local assets', async () => {
    const page = await fetch(`${stack.urls.gateway}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/explorer/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.(com|io|net|org)\//);
    const script = await fetch(`${stack.urls.gateway}/explorer/graphiql.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });

  it('runs a query that crosses all three subgraphs', async () => {
    const token = await stack.workerToken('W000005');
    const { status, body } = await stack.query(
      `query Dashboard {
        me {
          id
          activityAccount { cpf { balance { cents currency } } }
          jobSeeker {
            registered
            soughtOccupation {
              romeCode
              title
              trainings(first: 3) { totalCount edges { node { id title cpfEligible } } }
            }
          }
        }
      }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const me = body.data?.['me'] as {
      id: string;
      activityAccount: { cpf: { balance: { cents: number; currency: string } } };
      jobSeeker: { registered: boolean; soughtOccupation: { romeCode: string; title: string; trainings: { totalCount: number; edges: { node: { cpfEligible: boolean } }[] } } };
    };
    expect(me.id).toBe('W000005');
    expect(me.activityAccount.cpf.balance.currency).toBe('EUR');
    expect(Number.isInteger(me.activityAccount.cpf.balance.cents)).toBe(true);
    expect(me.jobSeeker.registered).toBe(true);
    expect(me.jobSeeker.soughtOccupation.romeCode).toBe('M1805');
    expect(me.jobSeeker.soughtOccupation.title.length).toBeGreaterThan(3);
    expect(me.jobSeeker.soughtOccupation.trainings.totalCount).toBeGreaterThan(0);
    for (const edge of me.jobSeeker.soughtOccupation.trainings.edges) expect(typeof edge.node.cpfEligible).toBe('boolean');
  });

  it('resolves `me` in caisse-des-depots and job-seekers at once, and they agree: one error for a caller who is not a worker', async () => {
    const query = '{ me { id activityAccount { cpf { balance { cents } } } jobSeeker { registered } } }';
    const fetchesOf = (subgraph: string) => metricSum(stack.urls.metrics.gateway, 'subgraph_fetches_total', `subgraph="${subgraph}"`);
    const before = { cdc: await fetchesOf('caisse-des-depots'), ft: await fetchesOf('job-seekers') };
    const worker = await stack.query(query, {}, { authorization: `Bearer ${await stack.workerToken('W000005')}` });
    expect(worker.body.errors).toBeUndefined();
    expect(worker.body.data?.['me']).toMatchObject({ id: 'W000005', activityAccount: { cpf: { balance: { cents: expect.any(Number) } } }, jobSeeker: { registered: true } });
    // One fetch to each: both subgraphs answered `me` (the plan's first stage), no entity fetch after it.
    expect({ cdc: (await fetchesOf('caisse-des-depots')) - before.cdc, ft: (await fetchesOf('job-seekers')) - before.ft }).toEqual({ cdc: 1, ft: 1 });

    const anonymous = await stack.query(query);
    expect(anonymous.body.data?.['me']).toBeNull();
    expect(anonymous.body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['me'], 'UNAUTHENTICATED']]);
    const partner = await stack.query(query, {}, { authorization: `Bearer ${await stack.partnerToken('demo-counsellor', 'cpf:read jobseeker:read')}` });
    expect(partner.body.data?.['me']).toBeNull();
    expect(partner.body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['me'], 'FORBIDDEN']]);
  });

  it('verifies a token once per subgraph, not once per request (subgraph token cache)', async () => {
    const authorization = `Bearer ${await stack.workerToken('W000004')}`;
    const counts = async (subgraph: 'caisse-des-depots' | 'france-travail') => {
      const value = (outcome: string) => metricSum(stack.urls.metrics[subgraph], 'subgraph_token_cache_total', `outcome="${outcome}"`);
      return { hit: await value('hit'), miss: await value('miss') };
    };
    const before = { cdc: await counts('caisse-des-depots'), ft: await counts('france-travail') };
    for (let round = 0; round < 3; round += 1) {
      const { body } = await stack.query('{ me { activityAccount { cpf { balance { cents } } } jobSeeker { registered } } }', {}, { authorization });
      expect(body.errors).toBeUndefined();
    }
    for (const [name, subgraph] of [['cdc', 'caisse-des-depots'], ['ft', 'france-travail']] as const) {
      const after = await counts(subgraph);
      // One verification of this new token, then two answers from the cache.
      expect({ miss: after.miss - before[name].miss, hit: after.hit - before[name].hit }, subgraph).toEqual({ miss: 1, hit: 2 });
    }
  });

  it('forwards the gateway’s own request id (never the caller’s) to the subgraphs and on to every operator they call', async () => {
    const clientId = `e2e-${Date.now().toString(36)}`;
    const token = await stack.workerToken('W000006');
    // Every operator is asked only on a cold personal cache (a suite before may have read W000006).
    await stack.forgetPersonalReads();
    const response = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': clientId },
      body: JSON.stringify({ query: '{ me { activityAccount { cpf { balance { cents } } } jobSeeker { category } } }' }),
    });
    // Issue #12 item 6: the id is the server's; the client's value reaches no operator.
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).not.toBe(clientId);
    const client = (await (await fetch(`${stack.urls.upstreams}/_admin/request-ids/${clientId}`)).json()) as { byOperator: Record<string, number> };
    expect(client.byOperator).toEqual({});
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    const seen = (await (await fetch(`${stack.urls.upstreams}/_admin/request-ids/${requestId}`)).json()) as { byOperator: Record<string, number> };
    expect(seen.byOperator['caissedesdepots']).toBeGreaterThan(0);
    // The job-seeker status is API Particulier's (#13), no longer behind France Travail.
    expect(seen.byOperator['api-particulier']).toBeGreaterThan(0);
  });

  it('reads the job-seeker status once per request when the plan reaches both subgraphs of the france-travail process', async () => {
    // `jobSeeker` is job-seekers', `recommendedJobOffers` france-travail's: two fetches, one status read.
    const token = await stack.workerToken('W000005');
    await stack.forgetPersonalReads();
    const response = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { jobSeeker { category } recommendedJobOffers(first: 1) { totalCount } } }' }),
    });
    const body = (await response.json()) as { data?: { me?: { jobSeeker?: { category?: string }; recommendedJobOffers?: { totalCount?: number } } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.me?.jobSeeker?.category).toBe('A');
    expect(body.data?.me?.recommendedJobOffers?.totalCount).toEqual(expect.any(Number));
    const fetchesOf = async (subgraph: string) => await metricSum(stack.urls.metrics.gateway, 'subgraph_fetches_total', `subgraph="${subgraph}"`);
    expect(await fetchesOf('job-seekers')).toBeGreaterThan(0);
    const seen = (await (await fetch(`${stack.urls.upstreams}/_admin/request-ids/${response.headers.get('x-request-id') ?? ''}`)).json()) as { byOperator: Record<string, number> };
    expect(seen.byOperator['api-particulier']).toBe(1);
    expect(seen.byOperator['francetravail']).toBeGreaterThan(0);
  });

  it('rejects an invalid token with 401 UNAUTHENTICATED before any subgraph call', async () => {
    await stack.resetUpstreamCalls();
    const { status, body } = await stack.query('{ me { id } }', {}, { authorization: 'Bearer not.a.token' });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await stack.upstreamCalls()).byOperator['caissedesdepots'] ?? 0).toBe(0);
  });

  it('answers bad input with BAD_USER_INPUT naming the argument, and never a 500', async () => {
    const { status, body } = await stack.query('{ occupation(romeCode: "nope") { title } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'romeCode' });
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+|127\.0\.0\.1/);
  });
});

describe('README', () => {
  /** Each `curl … -d '<payload>'` block of the README, with the JSON answer printed after it. */
  function readmeExamples(): { payload: string; expected: unknown; needsToken: boolean }[] {
    const readme = readFileSync(repoPath('README.md'), 'utf8');
    const examples: { payload: string; expected: unknown; needsToken: boolean }[] = [];
    for (const match of readme.matchAll(/```sh\n([\s\S]*?)```\s*\n(?:[^\n`]*\n\s*\n)?```json\n([\s\S]*?)```/g)) {
      const payload = /-d '([^']+)'/.exec(match[1] ?? '')?.[1];
      if (payload) examples.push({ payload, expected: JSON.parse(match[2] ?? 'null'), needsToken: (match[1] ?? '').includes('$TOKEN') });
    }
    return examples;
  }

  it('documents queries that answer exactly what it says', async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (example.needsToken) headers['authorization'] = `Bearer ${await stack.workerToken('W000005')}`;
      const response = await fetch(stack.urls.graphql, { method: 'POST', headers, body: example.payload });
      // The README shows `data`; every answer also carries `extensions.sources` (which operator, how fresh).
      const body = (await response.json()) as { data?: unknown; extensions?: { sources?: unknown[] } };
      expect({ data: body.data }).toEqual(example.expected);
      expect(body.extensions?.sources?.length).toBeGreaterThan(0);
    }
  });
});

describe('automatic persisted queries', () => {
  it('registers a query by hash once, then answers from the hash alone', async () => {
    const query = '{ occupation(romeCode: "K2111") { romeCode title } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = async (body: Record<string, unknown>) => {
      const response = await fetch(stack.urls.graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    };
    const unknown = await post({ extensions });
    expect(unknown.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const registered = await post({ query, extensions });
    expect(registered.errors).toBeUndefined();
    const byHash = await post({ extensions });
    // The same answer; `extensions.sources` may differ by the fetch times of the two requests' reads.
    expect(byHash.data).toEqual(registered.data);
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual({ occupation: { romeCode: 'K2111', title: expect.any(String) } });
  });
});
