import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { AppError, ErrorCode, GENERIC_MESSAGES } from '../../../lib/errors/index.js';

/** Network failures undici reports (as the `cause` of "fetch failed") that mean "took too long". */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR']);

/**
 * Messages @apollo/gateway raises itself when a subgraph answers something unusable. They quote
 * the subgraph's body, so they must never reach a client — but they are the subgraph's fault,
 * not ours, so they are UPSTREAM_UNAVAILABLE rather than INTERNAL.
 */
const GATEWAY_FETCH_MESSAGES = [/^Expected JSON response body/, /^Expected "data\._entities"/, /^Invalid JSON in response body/];

/**
 * What a client reads when a subgraph refused, 400 BAD_USER_INPUT, a fetch the gateway planned for
 * it: each subgraph keeps depth and cost limits of its own (a second line behind the gateway's), and
 * a part of a query the gateway admitted can still exceed them — e.g. entity fetches that multiply
 * one path's list by the representations sent. The client can act on it, so it is BAD_USER_INPUT
 * with what to do, not UPSTREAM_UNAVAILABLE; the subgraph's own message stays in the log.
 */
export const SUBGRAPH_LIMIT_MESSAGE =
  'This part of the query asks one service for more than it answers in one request (its own depth or cost limit): ask for fewer items (a smaller `first`) or fewer nested fields here.';

/** A subgraph's 400 body made only of BAD_USER_INPUT errors (its limits' refusal), as the gateway hands it over parsed. */
const limitsRefusal = z.object({ errors: z.array(z.object({ extensions: z.object({ code: z.literal(ErrorCode.BAD_USER_INPUT) }) })).nonempty() });

const unavailable = (cause: unknown, status?: number) =>
  new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, GENERIC_MESSAGES.UPSTREAM_UNAVAILABLE, { cause, ...(status === undefined ? {} : { status }) });

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth += 1) {
    chain.push(current);
    current = current instanceof GraphQLError ? (current.originalError ?? undefined) : current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

const codeOf = (value: unknown): unknown => (typeof value === 'object' && value !== null && 'code' in value ? value.code : undefined);
const nameOf = (value: unknown): unknown => (value instanceof Error ? value.name : undefined);

/**
 * Turns a failed fetch from the gateway to a subgraph into the catalogue error a client sees:
 * a subgraph that cannot be reached, times out, or answers a non-GraphQL status is a data
 * provider being unavailable — not an internal error, and never its URL or body. Errors a
 * subgraph returned inside a GraphQL response are left alone (they already carry our codes).
 * Returns undefined for anything that is not such a failure.
 */
export function subgraphFailure(error: unknown): AppError | undefined {
  const chain = causes(error);
  if (chain.some((item) => item instanceof AppError)) return undefined;
  // undici puts the reason under "fetch failed": look at the whole chain before calling it unavailable.
  const timedOut = chain.find((item) => {
    const code = codeOf(item);
    return (typeof code === 'string' && TIMEOUT_CODES.has(code)) || nameOf(item) === 'TimeoutError' || nameOf(item) === 'AbortError';
  });
  if (timedOut !== undefined) return new AppError(ErrorCode.UPSTREAM_TIMEOUT, GENERIC_MESSAGES.UPSTREAM_TIMEOUT, { cause: timedOut });
  for (const item of chain) {
    // RemoteGraphQLDataSource.errorFromResponse: `extensions.response` holds the status, URL and body.
    const response = item instanceof GraphQLError ? item.extensions['response'] : undefined;
    if (typeof response === 'object' && response !== null && 'status' in response && typeof response.status === 'number') {
      const status = response.status;
      if (status === 401) return new AppError(ErrorCode.UNAUTHENTICATED, GENERIC_MESSAGES.UNAUTHENTICATED, { cause: item, status });
      if (status === 403) return new AppError(ErrorCode.FORBIDDEN, GENERIC_MESSAGES.FORBIDDEN, { cause: item, status });
      if (status === 429) return new AppError(ErrorCode.RATE_LIMITED, GENERIC_MESSAGES.RATE_LIMITED, { cause: item, status });
      if (status === 504) return new AppError(ErrorCode.UPSTREAM_TIMEOUT, GENERIC_MESSAGES.UPSTREAM_TIMEOUT, { cause: item, status });
      if (status === 400 && 'body' in response && limitsRefusal.safeParse(response.body).success) return new AppError(ErrorCode.BAD_USER_INPUT, SUBGRAPH_LIMIT_MESSAGE, { cause: item, status });
      return unavailable(item, status);
    }
    if (item instanceof TypeError && item.message === 'fetch failed') return unavailable(item);
    if (item instanceof Error && !(item instanceof GraphQLError) && GATEWAY_FETCH_MESSAGES.some((pattern) => pattern.test(item.message))) {
      return unavailable(item);
    }
  }
  return undefined;
}
