import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { freePort } from '../testing/ports.js';
import { withBudget } from '../budget/index.js';
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
    if (path.startsWith('/prefix/slow')) {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      }, 80);
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

  it('cuts a hung upstream at the request deadline: the attempts fit in the budget and the breaker counts timeouts', async () => {
    const upstream = createUpstreamClient({
      operator: 'anotea',
      baseUrl: `http://127.0.0.1:${port}/prefix`,
      attemptTimeoutMs: 60,
      retry: { maxRetries: 5 },
      breaker: { volumeThreshold: 2, resetTimeoutMs: 60_000 },
      sleep: async () => {},
    });
    const before = hits['/prefix/silent-deadline'] ?? 0;
    const first = await failure(withBudget(150, () => upstream.request({ method: 'GET', path: '/silent-deadline' })));
    expect(first.code).toBe('UPSTREAM_TIMEOUT');
    const { attempts } = upstream.counters();
    // 150 ms of budget, 60 ms per attempt: at most three attempts, whatever maxRetries says.
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(3);
    // An attempt cut before its request reached the server (a loaded machine) is not a hit.
    expect((hits['/prefix/silent-deadline'] ?? 0) - before).toBeLessThanOrEqual(attempts);
    await failure(withBudget(150, () => upstream.request({ method: 'GET', path: '/silent-deadline' })));
    expect(upstream.counters().transitions).toEqual([{ to: 'open', calls: 2, failures: { timeout: 2 } }]);
    const rejected = await failure(withBudget(150, () => upstream.request({ method: 'GET', path: '/silent-deadline' })));
    expect(rejected.code).toBe('UPSTREAM_UNAVAILABLE');
    await upstream.close();
  });

  it('counts slow successes against the breaker while still serving them', async () => {
    const upstream = createUpstreamClient({ operator: 'anotea', baseUrl: `http://127.0.0.1:${port}/prefix`, slowCallMs: 30, breaker: { volumeThreshold: 3, resetTimeoutMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) {
      const response = await withBudget(2_000, () => upstream.request({ method: 'GET', path: '/slow' }));
      expect(response.json()).toEqual({ ok: true });
    }
    expect(upstream.counters().transitions).toEqual([{ to: 'open', calls: 3, failures: { slow: 3 } }]);
    await upstream.close();
  });
});
