/**
 * The closed catalogue of error codes a client can see in `extensions.code`.
 * Every failure in the graph maps to exactly one of these, in one place (`toGraphQLError`).
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** APQ protocol step, not a failure: the hash is unknown here, resend it with the query. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** The client sent a query with a `persistedQuery.sha256Hash` that is not its SHA-256. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** `PERSISTED_OPERATIONS=safelist`: the document is not one of the persisted operations. */
  PERSISTED_QUERY_NOT_LISTED: 'PERSISTED_QUERY_NOT_LISTED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The message a client sees when the real one must not leave the process. */
export const GENERIC_MESSAGES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'The request has an invalid argument.',
  UNAUTHENTICATED: 'Authentication is required or the token is invalid.',
  FORBIDDEN: 'You are not allowed to read this data.',
  NOT_FOUND: 'Not found.',
  UPSTREAM_UNAVAILABLE: 'A data provider is unavailable; try again later.',
  UPSTREAM_TIMEOUT: 'A data provider did not answer in time; try again later.',
  RATE_LIMITED: 'Too many requests; slow down.',
  PERSISTED_QUERY_NOT_FOUND: 'PersistedQueryNotFound',
  PERSISTED_QUERY_HASH_MISMATCH: 'The persistedQuery sha256Hash is not the SHA-256 of the query sent with it.',
  PERSISTED_QUERY_NOT_LISTED: 'This server runs only its persisted operations; this document is not one of them.',
  INTERNAL: 'Internal error.',
};

/** HTTP status for errors that reject a whole request (not a single field). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_TIMEOUT: 504,
  RATE_LIMITED: 429,
  // 200 as Apollo Server and Router answer it: the persisted-query links retry on it, and a 4xx
  // would be logged as a failure by every browser for a normal protocol step.
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_HASH_MISMATCH: 400,
  PERSISTED_QUERY_NOT_LISTED: 400,
  INTERNAL: 500,
};
