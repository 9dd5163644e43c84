import { AppError, ErrorCode, upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamResponse } from '../../../../lib/http/index.js';

/** Name of the operator in errors, logs and metrics. */
export const CDC_OPERATOR = 'caisse-des-depots';

/**
 * The CDC API's error policy, in one place. Upstream bodies never reach a client: they go to
 * `cause` (logs). 404 is not an error for a lookup (the caller turns it into null); a 429 never
 * gets here (lib/http answers it RATE_LIMITED, with its Retry-After). Our own bad requests (400)
 * or credentials (401/403, after one token refresh) are operator-side misconfiguration the caller
 * cannot fix, so the field becomes UPSTREAM_UNAVAILABLE.
 */
export function cdcFailure(response: UpstreamResponse, operation: string): AppError {
  const cause = { operation, status: response.status, body: response.text().slice(0, 300) };
  if (response.status === 400) return new AppError(ErrorCode.INTERNAL, 'Internal error.', { operator: CDC_OPERATOR, status: 400, cause });
  return upstreamUnavailable(CDC_OPERATOR, { status: response.status, cause });
}
