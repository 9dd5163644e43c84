/**
 * Requests refused as a whole for the client's own reason (4xx, and the APQ "not found" round):
 * counted in `graphql_rejected_requests_total{service,code,status}` and logged at info with the
 * reason — never at error, which is kept for our faults. Also picks the media type of a body
 * written outside Apollo (401, 413, 429…) from the client's `Accept`, as the GraphQL-over-HTTP
 * spec asks: Apollo Client reads `extensions.code` from a non-2xx answer only when it is
 * `application/graphql-response+json`.
 */
import type { IncomingMessage } from 'node:http';
import { counter } from '../metrics/index.js';
import type { Logger } from '../logging/index.js';

export const GRAPHQL_RESPONSE_MEDIA_TYPE = 'application/graphql-response+json';

const rejected = counter<'service' | 'code' | 'status'>({
  name: 'graphql_rejected_requests_total',
  help: 'Requests refused before or instead of execution, by error code and HTTP status',
  labelNames: ['service', 'code', 'status'],
});

/** `application/graphql-response+json` when the client accepts it (explicitly, q > 0), else `application/json`. */
export function errorMediaType(request: IncomingMessage): string {
  const accept = String(request.headers.accept ?? '');
  const accepted = accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return type === GRAPHQL_RESPONSE_MEDIA_TYPE && (q === undefined || Number(q.slice(2)) > 0);
  });
  return `${accepted ? GRAPHQL_RESPONSE_MEDIA_TYPE : 'application/json'}; charset=utf-8`;
}

interface ErrorBody {
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
  data?: unknown;
}

export interface Rejection {
  status: number;
  code: string;
  message: string;
}

/** The request-level error in an Apollo answer, if it is one (no `data`, status < 500). */
export function rejectionIn(status: number, body: string): Rejection | undefined {
  if (status >= 500 || !body.startsWith('{"errors"')) return undefined;
  let parsed: ErrorBody;
  try {
    parsed = JSON.parse(body) as ErrorBody;
  } catch {
    return undefined;
  }
  if (parsed.data !== undefined) return undefined;
  const first = parsed.errors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'UNKNOWN';
  return { status, code, message: typeof first?.message === 'string' ? first.message : '' };
}

export function recordRejection(service: string, logger: Logger, rejection: Rejection): void {
  rejected.inc({ service, code: rejection.code.slice(0, 64), status: String(rejection.status) });
  logger.info({ code: rejection.code, status: rejection.status, reason: rejection.message.slice(0, 300) }, 'request rejected');
}
