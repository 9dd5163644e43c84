import type { z } from 'zod';
import { upstreamUnavailable } from '../errors/index.js';
import { createLogger } from '../logging/index.js';
import type { UpstreamResponse } from './options.js';

const log = createLogger('lib.http');

/**
 * The one way an operator's body becomes data: JSON validated with the operator's zod schema. A
 * body that is not JSON or does not match is the operator failing (UPSTREAM_UNAVAILABLE); the
 * mismatch goes to the logs as field paths, never as content. `context` (e.g. the operation) is
 * kept in the error's cause for the logs.
 */
export function parseUpstreamJson<S extends z.ZodType>(
  response: UpstreamResponse,
  schema: S,
  operator: string,
  context: Record<string, unknown> = {},
): z.infer<S> {
  let raw: unknown;
  try {
    raw = response.json<unknown>();
  } catch (error) {
    throw upstreamUnavailable(operator, { status: response.status, cause: { ...context, reason: 'MALFORMED_JSON', error } });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.'));
    log.warn({ operator, status: response.status, issues, ...context }, 'unexpected upstream payload');
    throw upstreamUnavailable(operator, { status: response.status, cause: { ...context, reason: 'UNEXPECTED_SHAPE', issues } });
  }
  return parsed.data;
}
