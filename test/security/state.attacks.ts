import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bearer, codesOf, type AttackContext } from './fixture.js';

const ME = '{ me { id activityAccount { cpf { balance { cents } } } } }';

/** Resolves when the server closes the socket (and with what it wrote before closing). */
function closedByServer(socket: Socket): Promise<{ received: string }> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve({ received }));
  });
}

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Prometheus text → the values of one label on one metric. */
function labelValues(text: string, metric: string, label: string): Set<string> {
  const values = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const match = new RegExp(`${label}="([^"]*)"`).exec(line);
    if (match?.[1] !== undefined) values.add(match[1]);
  }
  return values;
}

/**
 * Issue #12 items 4, 5 and 6: metrics are not public and their labels are bounded; slow clients are
 * cut by the server while others are served; request ids are the server's.
 */
export function stateAttacks(context: () => AttackContext): void {
  describe('metrics: their own loopback listener, bounded labels', () => {
    it('no public port serves /metrics (gateway and every subgraph)', async () => {
      const { stack } = context();
      expect((await fetch(`${stack.urls.gateway}/metrics`)).status).toBe(404);
      for (const url of Object.values(stack.urls.subgraphs)) expect((await fetch(new URL('/metrics', url))).status).toBe(404);
    });

    it('each service answers /metrics on its METRICS_PORT, on loopback', async () => {
      const { stack } = context();
      for (const [service, url] of Object.entries(stack.urls.metrics)) {
        expect(new URL(url).hostname, service).toBe('127.0.0.1');
        const response = await fetch(url);
        expect(response.status, service).toBe(200);
        expect(await response.text(), service).toMatch(/process_cpu_seconds_total|nodejs_heap/);
      }
    });

    it('150 client-chosen operation names add at most 100 label values (then `other`); refused operations never get their name', async () => {
      const { ask, stack } = context();
      const run = Math.random().toString(36).slice(2, 8);
      for (let index = 0; index < 150; index += 1) await ask(`query Flood${run}_${index} { __typename }`);
      await ask(`query Refused${run} { nope }`);
      const operations = labelValues(await (await fetch(stack.urls.metrics.gateway)).text(), 'graphql_requests_total', 'operation');
      expect(operations.size).toBeLessThanOrEqual(100 + 3); // + other, rejected, anonymous
      expect([...operations].filter((name) => name.startsWith(`Flood${run}`)).length).toBeLessThan(100);
      expect(operations.has('other')).toBe(true);
      expect(operations.has(`Refused${run}`)).toBe(false);
    });
  });

  describe('slow clients are cut by the server (headersTimeout 5 s, requestTimeout 10 s)', () => {
    it('half-sent headers: the server closes the socket, and /healthz answers another client meanwhile', async () => {
      const { stack } = context();
      const socket = await openSocket(stack.urls.graphql);
      const closed = closedByServer(socket);
      socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
      // While the slow client hangs, another client is served.
      expect((await fetch(`${stack.urls.gateway}/healthz`)).status).toBe(200);
      const { received } = await closed;
      expect(socket.destroyed).toBe(true);
      expect(received === '' || /^HTTP\/1\.1 408/.test(received)).toBe(true);
    }, 30_000);

    it('half-sent body: the server closes the socket, and another user’s query is answered meanwhile', async () => {
      const { stack, ask } = context();
      const socket = await openSocket(stack.urls.graphql);
      const closed = closedByServer(socket);
      socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ occu`);
      const other = await ask('{ occupation(romeCode: "M1805") { title } }');
      expect(other.status).toBe(200);
      expect(codesOf(other)).toEqual([]);
      const { received } = await closed;
      expect(socket.destroyed).toBe(true);
      expect(received === '' || /^HTTP\/1\.1 408/.test(received)).toBe(true);
    }, 30_000);
  });

  describe('request ids are the server’s', () => {
    it('two workers sending the same x-request-id get two server ids; operators and the audit trail see only those', async () => {
      const { stack, ask } = context();
      const shared = `attacker-chosen-${Math.random().toString(36).slice(2)}`;
      const ids: string[] = [];
      // Workers no other attack reads: their rights are not already in the per-worker cache, so the CDC sees this request.
      for (const worker of ['W000021', 'W000022']) {
        const result = await ask(ME, {}, { ...bearer(await stack.workerToken(worker)), 'x-request-id': shared });
        expect(codesOf(result)).toEqual([]);
        const id = result.headers.get('x-request-id') ?? '';
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        ids.push(id);
      }
      expect(ids[0]).not.toBe(ids[1]);
      const seen = async (id: string) => ((await (await fetch(`${stack.urls.upstreams}/_admin/request-ids/${id}`)).json()) as { byOperator: Record<string, number> }).byOperator;
      expect(await seen(shared)).toEqual({});
      for (const id of ids) expect((await seen(id))['caissedesdepots'] ?? 0).toBeGreaterThan(0);
      // AUDIT_SINK=stdout: the caisse-des-depots audit records carry the server ids, never the client's.
      const audit = stack.logs('caisse-des-depots');
      for (const id of ids) expect(audit).toContain(id);
      expect(audit).not.toContain(shared);
    });
  });
}
