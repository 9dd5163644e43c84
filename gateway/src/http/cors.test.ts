/** CORS_ORIGINS defaults and refusals, and the edge handler on a real node:http server. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/config/index.js';
import { corsConfigFromEnv, corsEdge, type CorsConfig } from './cors.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server whose only behaviour besides CORS is "200 ok", to see what the edge adds or answers. */
async function edgeServer(config: CorsConfig): Promise<string> {
  const edge = corsEdge(config);
  server = createServer((request, response) => {
    void edge(request, response).then((answered) => {
      if (!answered) response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
}

const preflight = (origin: string) => ({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

describe('corsConfigFromEnv', () => {
  it('defaults to any localhost port in development and to no origin in production', async () => {
    const url = await edgeServer(corsConfigFromEnv({}, false));
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://localhost', 'http://[::1]:8080']) {
      const response = await fetch(url, preflight(origin));
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    for (const origin of ['http://localhost.evil.fr', 'http://evil.fr', 'http://localhost:5173.evil.fr']) {
      const response = await fetch(url, preflight(origin));
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    expect(corsConfigFromEnv({}, true).origins).toEqual([]);
    expect(corsConfigFromEnv({ CORS_ORIGINS: 'localhost' }, true).origins).toHaveLength(1);
  });

  it('takes a comma list of exact origins, and refuses `*`, paths and non-origins', () => {
    expect(corsConfigFromEnv({ CORS_ORIGINS: 'https://app.example.fr, https://Admin.example.fr/' }, true).origins).toEqual([
      'https://app.example.fr',
      'https://admin.example.fr',
    ]);
    expect(corsConfigFromEnv({ CORS_ORIGINS: 'none' }, false).origins).toEqual([]);
    for (const bad of ['*', 'https://app.example.fr/path', 'app.example.fr', 'ftp://x.fr']) {
      expect(() => corsConfigFromEnv({ CORS_ORIGINS: bad }, false), bad).toThrow(ConfigError);
    }
  });
});

describe('corsEdge', () => {
  it('answers a preflight from no allowed origin with 204 and no Allow-Origin (never `*`)', async () => {
    const url = await edgeServer({ origins: [], maxAgeSeconds: 60 });
    const response = await fetch(url, preflight('http://localhost:5173'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds Allow-Origin and exposed headers to an actual request, and leaves requests without Origin alone', async () => {
    const url = await edgeServer({ origins: ['https://app.example.fr'], maxAgeSeconds: 60 });
    const cross = await fetch(url, { method: 'POST', headers: { origin: 'https://app.example.fr' } });
    expect(await cross.text()).toBe('ok');
    expect(cross.headers.get('access-control-allow-origin')).toBe('https://app.example.fr');
    expect(cross.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(cross.headers.get('access-control-allow-credentials')).toBeNull();
    const local = await fetch(url, { method: 'POST' });
    expect(await local.text()).toBe('ok');
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
  });
});
