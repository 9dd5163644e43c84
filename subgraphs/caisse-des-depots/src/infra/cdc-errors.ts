import { AppError, ErrorCode, rateLimited, upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamResponse } from '../../../../lib/http/index.js';
import type { z } from 'zod';

/** Name of the operator in errors, logs and metrics. */
export const CDC_OPERATOR = 'caisse-des-depots';

/**
 * The CDC API's error policy, in one place. Upstream bodies never reach a client: they go to
 * `cause` (logs). 404 is not an error for a lookup (the caller turns it into null); 429 keeps its
 * Retry-After; our own bad requests (400) or credentials (401/403, after one token refresh) are
 * operator-side misconfiguration the caller cannot fix, so the field becomes UPSTREAM_UNAVAILABLE.
 */
export function cdcFailure(response: UpstreamResponse, operation: string): AppError {
  const cause = { operation, status: response.status, body: response.text().slice(0, 300) };
  if (response.status === 429) {
    const retryAfter = Number(response.headers['retry-after']);
    return rateLimited(CDC_OPERATOR, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  if (response.status === 400) return new AppError(ErrorCode.INTERNAL, 'Internal error.', { operator: CDC_OPERATOR, status: 400, cause });
  return upstreamUnavailable(CDC_OPERATOR, { status: response.status, cause });
}

/** Parses a 200 body with the operator's schema; a body that does not match is the operator failing. */
export function parseBody<S extends z.ZodType>(response: UpstreamResponse, schema: S, operation: string): z.infer<S> {
  let json: unknown;
  try {
    json = response.json<unknown>();
  } catch (error) {
    throw upstreamUnavailable(CDC_OPERATOR, { status: response.status, cause: { operation, reason: 'MALFORMED_JSON', error } });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw upstreamUnavailable(CDC_OPERATOR, { status: response.status, cause: { operation, reason: 'UNEXPECTED_SHAPE', issues: parsed.error.issues.slice(0, 3) } });
  }
  return parsed.data;
}
