import type { MockAgent } from 'undici';
import { AppError } from '../errors/index.js';

export const ORIGIN = 'http://ft.test';

export interface Seen {
  path: string;
  method: string;
  headers: Record<string, string>;
}

export type Reply = { statusCode: number; data?: string | object; headers?: Record<string, string> } | Error;

/** A MockAgent upstream answering from a script, recording what it was asked. */
export function scriptedUpstream(agent: MockAgent, script: Reply[], fallback: Reply = { statusCode: 200, data: {} }) {
  const seen: Seen[] = [];
  const pool = agent.get(ORIGIN);
  const next = () => script.shift() ?? fallback;
  pool
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      seen.push({ path: opts.path, method: opts.method, headers: { ...(opts.headers as Record<string, string>) } });
      const reply = next();
      if (reply instanceof Error) throw reply;
      return { statusCode: reply.statusCode, data: reply.data ?? '', responseOptions: { headers: reply.headers ?? {} } };
    })
    .persist();
  return seen;
}

/** The AppError a promise rejects with; anything else (success, another error) fails the test. */
export async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof AppError) return error;
  throw new Error(`Expected an AppError, got ${error === undefined ? 'a success' : String(error)}`);
}
