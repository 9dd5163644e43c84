import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../bench/scenarios.js';
import { repoPath } from '../../lib/paths.js';
import { startTestStack, UNTHROTTLED_FRANCE_TRAVAIL, type TestStack } from '../stack.js';
import { cpaSubgraphPlugin, loadSignature } from './hive-plugin.fixture.js';

/**
 * Another router on the same graph (issue #16 point 6): Hive Gateway (MIT) serves the committed
 * schema/supergraph.graphql, byte for byte, against the running subgraphs, and answers graph.md's
 * four queries with the same `data` as our gateway. The README's "any Federation 2 router" rests on it.
 */
let stack: TestStack;
let hive: GatewayRuntime;
let server: Server;
let hiveUrl = '';

const supergraphSdl = readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8');

function committedUrls(): Map<string, string> {
  return new Map([...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

beforeAll(async () => {
  // Same data from both routers is under test, not France Travail's 10 calls/s: a cold training
  // finder's fifty outcomes would not fit one request's budget at that rate (they are refreshed
  // ahead of demand in a running deployment, test/refresh.stack.test.ts). The simulator's unthrottled client.
  stack = await startTestStack({ env: { ...UNTHROTTLED_FRANCE_TRAVAIL } });
  const rewrite = new Map([...committedUrls()].map(([name, url]) => [url, stack.urls.subgraphs[name] ?? url]));
  const secrets = (stack.env['SUBGRAPH_SIGNING_SECRETS'] ?? '').split(',').filter(Boolean);
  const plugin = cpaSubgraphPlugin({ rewrite, secrets, sign: await loadSignature() });
  hive = createGatewayRuntime({ supergraph: () => supergraphSdl, logging: process.env['HIVE_DEBUG'] ? 'debug' : false, maskedErrors: !process.env['HIVE_DEBUG'], plugins: () => [plugin] });
  server = createServer(hive);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('Hive Gateway has no address');
  hiveUrl = `http://127.0.0.1:${address.port}/graphql`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await hive?.dispose();
  await stack?.stop();
});

interface Answer {
  data?: unknown;
  errors?: unknown[];
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as Answer;
}

describe('Hive Gateway on the committed supergraph', () => {
  for (const scenario of loadScenarios()) {
    it(`answers ${scenario.id} with the same data as our gateway`, async () => {
      const headers: Record<string, string> = scenario.workerId ? { authorization: `Bearer ${await stack.workerToken(scenario.workerId)}` } : {};
      const ours = await post(stack.urls.graphql, scenario.query, scenario.variables, headers);
      const theirs = await post(hiveUrl, scenario.query, scenario.variables, headers);
      expect(ours.errors).toBeUndefined();
      expect(theirs.errors).toBeUndefined();
      expect(ours.data).not.toBeNull();
      expect(theirs.data).toEqual(ours.data);
    }, 60_000);
  }
});
