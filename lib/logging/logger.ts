import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { slot } from '../request-scope/slot.js';

export type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

interface RequestScope {
  requestId: string;
  /** The id the client sent, when it differs from ours: logged beside it, never forwarded nor audited. */
  clientRequestId?: string;
  /** Upstream operators whose data was served stale (past TTL) in this request. */
  stale: Set<string>;
}

const scope = slot<RequestScope>('request');

/** Runs `fn` with a request id visible to every log line and outgoing call made inside it. */
export function withRequestId<T>(requestId: string, fn: () => T, clientRequestId?: string): T {
  return scope.run({ requestId, stale: new Set(), ...(clientRequestId === undefined ? {} : { clientRequestId }) }, fn);
}

/** Records that data from `source` was served stale in the current request (stale-if-error). */
export function markStale(source: string): void {
  scope.get()?.stale.add(source);
}

/** The sources served stale so far in the current request. */
export function staleSources(): string[] {
  return [...(scope.get()?.stale ?? [])];
}

export function currentRequestId(): string | undefined {
  return scope.get()?.requestId;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's request id when it is sane (at most 128 characters of [A-Za-z0-9._:-]), else undefined. */
export function saneRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : undefined;
}

/**
 * The id of a request (issue #12 item 6): the server's own, always, unless `trusted` — a subgraph
 * takes the id of the gateway that signed the request, so one id follows a request end to end.
 * A client's value never becomes the id: it is only logged beside it (`clientRequestId`).
 */
export function requestIdFor(header: string | string[] | undefined, trusted: boolean): { requestId: string; clientRequestId?: string } {
  const given = saneRequestId(header);
  if (trusted && given !== undefined) return { requestId: given };
  const requestId = randomUUID();
  return given === undefined ? { requestId } : { requestId, clientRequestId: given };
}

export function createLogger(service: string, level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const store = scope.get();
      if (!store) return {};
      return store.clientRequestId === undefined ? { requestId: store.requestId } : { requestId: store.requestId, clientRequestId: store.clientRequestId };
    },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token'], censor: '[redacted]' },
  });
}
