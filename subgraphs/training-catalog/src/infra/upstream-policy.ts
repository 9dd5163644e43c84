import type { z } from 'zod';
import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamResponse } from '../../../../lib/http/index.js';

/**
 * The catalogue operators' error policy: connection failures and timeouts are already AppErrors
 * from lib/http; any status other than 200, or a body that does not match its schema, makes the
 * operator unavailable for this refresh (the previous index keeps serving). Bodies are never quoted.
 */
export function expectOk<R extends { status: number }>(response: R, operator: string): R {
  if (response.status !== 200) throw upstreamUnavailable(operator, { status: response.status });
  return response;
}
