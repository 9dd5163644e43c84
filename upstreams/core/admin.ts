import { appendFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultPatchSchema, faultSchema, NO_FAULT, OPERATORS, type Fault, type Operator } from './faults.js';
import type { Rng } from '../data/prng.js';
import { registerQuirks } from './quirks.js';

export interface SimulatorState {
  faults: Map<Operator, Fault>;
  /** Calls per `OPERATOR METHOD /route/pattern` since the last reset. */
  calls: Map<string, number>;
  /** Calls per `x-request-id` and operator (the most recent ids only), to check request ids reach the operators. */
  requestIds: Map<string, Record<string, number>>;
  rng: Rng;
}

const MAX_REQUEST_IDS = 5_000;

function countRequestId(state: SimulatorState, requestId: string | string[] | undefined, operator: Operator): void {
  if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > 128) return;
  const counts = state.requestIds.get(requestId) ?? {};
  counts[operator] = (counts[operator] ?? 0) + 1;
  state.requestIds.delete(requestId);
  state.requestIds.set(requestId, counts);
  // A Map iterates in insertion order: the first key is the least recently seen id.
  if (state.requestIds.size > MAX_REQUEST_IDS) state.requestIds.delete(state.requestIds.keys().next().value ?? '');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function operatorOf(url: string): Operator | undefined {
  const prefix = url.split('/')[1]?.split('?')[0];
  return OPERATORS.find((operator) => operator === prefix);
}

/**
 * Cross-cutting behaviour of every simulated operator: call counting (what tests and benchmarks
 * read to count upstream calls per query), latency, and injected faults.
 */
export function registerAdmin(app: FastifyInstance, state: SimulatorState): void {
  const traceTo = process.env['TRACE_CALLS'];
  const trace = traceTo === '1' ? (line: string) => void process.stdout.write(line) : traceTo?.startsWith('/') ? (line: string) => appendFileSync(traceTo, line) : undefined;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const operator = operatorOf(request.url);
    if (!operator) return;
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
    const key = `${request.method} ${route}`;
    state.calls.set(key, (state.calls.get(key) ?? 0) + 1);
    countRequestId(state, request.headers['x-request-id'], operator);
    // TRACE_CALLS=1: each call's arrival (epoch ms), route and request id on stdout (`npm run bench:trace`);
    // TRACE_CALLS=<absolute path>: appended to that file instead (many concurrent requests).
    if (trace) trace(`TRACE ${Date.now()} ${key} ${String(request.headers['x-request-id'] ?? '-')}\n`);
    const fault = state.faults.get(operator) ?? NO_FAULT;
    const delay = fault.latencyMs + (fault.jitterMs ? Math.round((state.rng.next() * 2 - 1) * fault.jitterMs) : 0);
    if (delay > 0) await sleep(delay);
    if (fault.timeoutRate > 0 && state.rng.next() < fault.timeoutRate) {
      // Never answer: the client's timeout is what is being tested. The socket closes after a minute.
      await sleep(60_000);
      request.raw.destroy();
      return reply;
    }
    if (fault.forcedStatus !== null) {
      return reply.code(fault.forcedStatus).send({ message: `Simulated status ${fault.forcedStatus}` });
    }
    if (fault.errorRate > 0 && state.rng.next() < fault.errorRate) {
      return reply.code(503).send({ message: 'Service momentanément indisponible' });
    }
    if (fault.malformedRate > 0 && state.rng.next() < fault.malformedRate) {
      return reply.code(200).header('content-type', 'application/json').send('{"resultats": [{"id": "');
    }
    return undefined;
  });

  // After the counting hook, so a quirky answer is still a counted call.
  registerQuirks(app, (request) => {
    const operator = operatorOf(request.url);
    return operator ? (state.faults.get(operator) ?? NO_FAULT).quirks : [];
  });

  app.get('/_admin/calls', async () => {
    const byEndpoint = Object.fromEntries([...state.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const byOperator: Record<string, number> = {};
    for (const [key, count] of state.calls) {
      const operator = operatorOf(key.split(' ')[1] ?? '') ?? 'other';
      byOperator[operator] = (byOperator[operator] ?? 0) + count;
    }
    const total = Object.values(byOperator).reduce((sum, count) => sum + count, 0);
    return { total, byOperator, byEndpoint };
  });

  app.get<{ Params: { id: string } }>('/_admin/request-ids/:id', async (request) => ({
    requestId: request.params.id,
    byOperator: state.requestIds.get(request.params.id) ?? {},
  }));

  app.post('/_admin/reset', async () => {
    state.calls.clear();
    state.requestIds.clear();
    return { reset: true };
  });

  // CPU time of this process, so a benchmark can show the simulators are not what it measures:
  // sample before and after a run, and divide the CPU time used by the wall time elapsed.
  app.get('/_admin/cpu', async () => {
    const { user, system } = process.cpuUsage();
    return { pid: process.pid, userMicros: user, systemMicros: system, wallMicros: Math.round(performance.now() * 1000) };
  });

  app.get('/_admin/faults', async () => Object.fromEntries(state.faults));

  app.post('/_admin/faults', async (request, reply) => {
    const parsed = faultPatchSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ message: parsed.error.issues[0]?.message ?? 'invalid faults' });
    for (const [operator, patch] of Object.entries(parsed.data) as [Operator, Partial<Fault>][]) {
      state.faults.set(operator, faultSchema.parse({ ...(state.faults.get(operator) ?? NO_FAULT), ...patch }));
    }
    return Object.fromEntries(state.faults);
  });

  app.delete('/_admin/faults', async () => {
    for (const operator of OPERATORS) state.faults.set(operator, { ...NO_FAULT });
    return Object.fromEntries(state.faults);
  });
}
