/** The explorer's "Act as" picker exists in development only: in production the page has none and its routes are absent. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';
import { explorerRoutes } from './explorer.js';

let server: Server;
let base: string;

beforeAll(async () => {
  // NODE_ENV=production with the explorer re-enabled: GraphiQL is served, the picker is not.
  const config = loadGatewayConfig({ NODE_ENV: 'production', EXPLORER_ENABLED: 'true', SUBGRAPH_SIGNING_SECRETS: 'x'.repeat(32) });
  expect(config.explorer).toBe(true);
  // An issuer nobody listens on: a route that still called it would answer 502, not 404.
  const routes = explorerRoutes({ issuer: 'http://127.0.0.1:9/identity', devIdentities: !config.production });
  server = createServer((request, response) => {
    void routes(request, response).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the explorer in production', () => {
  it('serves GraphiQL without the picker', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/explorer/graphiql.js');
    expect(html).not.toContain('act-as');
    expect(html).toContain('"devIdentities":false');
  });

  it('has no development-token routes', async () => {
    expect((await fetch(`${base}/explorer/dev/identities`)).status).toBe(404);
    const token = await fetch(`${base}/explorer/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"workerId":"W000005"}' });
    expect(token.status).toBe(404);
  });
});
