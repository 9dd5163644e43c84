import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { freePort } from '../testing/ports.js';
import { createUpstreamClient } from './index.js';

/** A real server on 127.0.0.1: timeouts are socket behaviour MockAgent cannot fake. */
let server: Server;
let port: number;
const hits: Record<string, number> = {};
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  port = await freePort();
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    if (path.startsWith('/prefix/silent')) {
      hanging.add(response);
      return;
    }
    if (path.startsWith('/prefix/stalled-body')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"partial":');
      hanging.add(response);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** undici's header/body timers tick about once a second, so each timed-out attempt costs ~1 s here. */
function client(baseUrl = `http://127.0.0.1:${port}/prefix`, maxRetries = 0) {
  return createUpstreamClient({
    operator: 'carif-oref',
    baseUrl,
    retry: { maxRetries },
    headersTimeoutMs: 150,
    bodyTimeoutMs: 150,
    connectTimeoutMs: 500,
    sleep: async () => {},
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('upstream client against a real socket', () => {
  it('reads a normal answer through the pool', async () => {
    const upstream = client();
    const response = await upstream.request({ method: 'GET', path: '/ok' });
    expect(response.json()).toEqual({ ok: true });
    await upstream.close();
  });

  it('turns a missing answer into UPSTREAM_TIMEOUT after retrying', async () => {
    const upstream = client(undefined, 1);
    const error = await failure(upstream.request({ method: 'GET', path: '/silent' }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.operator).toBe('carif-oref');
    expect(hits['/prefix/silent']).toBe(2);
    await upstream.close();
  });

  it('turns a stalled body into UPSTREAM_TIMEOUT', async () => {
    const upstream = client();
    const error = await failure(upstream.request({ method: 'GET', path: '/stalled-body' }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    await upstream.close();
  });

  it('turns a refused connection into UPSTREAM_UNAVAILABLE', async () => {
    const closedPort = await freePort();
    const upstream = client(`http://127.0.0.1:${closedPort}`, 2);
    const error = await failure(upstream.request({ method: 'GET', path: '/x' }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    await upstream.close();
  });
});
