import type { FastifyInstance } from 'fastify';
import { freePort } from '../lib/testing/ports.js';
import { createSimulator, type OperatorContext } from './server.js';

export interface InProcessSimulator {
  /** e.g. `http://127.0.0.1:53211`; operators live under their prefixes below it. */
  baseUrl: string;
  app: FastifyInstance;
  context: OperatorContext;
  /** Upstream calls per `METHOD /route/pattern` since the last `reset()` (what tests count batching with). */
  calls(): Record<string, number>;
  reset(): Promise<void>;
  /** Injects faults (`POST /_admin/faults`): `{ francetravail: { forcedStatus: 503 } }`. */
  faults(patch: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

/** Test helper: every operator simulator in this process, on a free port of 127.0.0.1. */
export async function startInProcessSimulator(): Promise<InProcessSimulator> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { app, context } = await createSimulator({ publicUrl: baseUrl });
  await app.listen({ port, host: '127.0.0.1' });
  const admin = async (method: 'POST' | 'DELETE', path: string, body?: unknown) => {
    const response = await app.inject({ method, url: path, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    if (response.statusCode !== 200) throw new Error(`${method} ${path} → ${response.statusCode} ${response.body}`);
  };
  return {
    baseUrl,
    app,
    context,
    calls: () => Object.fromEntries(context.state.calls),
    reset: async () => await admin('POST', '/_admin/reset'),
    faults: async (patch) => await admin('POST', '/_admin/faults', patch),
    clearFaults: async () => await admin('DELETE', '/_admin/faults'),
    close: async () => await app.close(),
  };
}
