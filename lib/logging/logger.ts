import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

interface RequestScope {
  requestId: string;
  /** Upstream operators whose data was served stale (past TTL) in this request. */
  stale: Set<string>;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with a request id visible to every log line and outgoing call made inside it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId, stale: new Set() }, fn);
}

/** Records that data from `source` was served stale in the current request (stale-if-error). */
export function markStale(source: string): void {
  scope.getStore()?.stale.add(source);
}

/** The sources served stale so far in the current request. */
export function staleSources(): string[] {
  return [...(scope.getStore()?.stale ?? [])];
}

export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is sane, otherwise makes a new one. */
export function acceptRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function createLogger(service: string, level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token'], censor: '[redacted]' },
  });
}
