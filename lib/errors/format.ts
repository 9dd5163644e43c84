import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error.js';
import { ErrorCode, GENERIC_MESSAGES, isErrorCode } from './codes.js';

/** Codes Apollo Server itself raises before our resolvers run, mapped into our catalogue. */
const APOLLO_CODE_MAP: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  BAD_REQUEST: ErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_USER_INPUT,
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  FORBIDDEN: ErrorCode.FORBIDDEN,
};

/**
 * Apollo Server raises the APQ hash mismatch without a code (requestPipeline.ts, unchanged from
 * v3 to v5; Apollo then fills in INTERNAL_SERVER_ERROR): its message is the only stable mark, so it is matched here, in one place.
 */
const APOLLO_HASH_MISMATCH_MESSAGE = 'provided sha does not match query';

/** Apollo codes whose messages are safe and useful to keep (they describe the client's query). */
const KEEP_MESSAGE_APOLLO = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** Turns an AppError into the GraphQLError a resolver throws. */
export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.argument === undefined ? {} : { argument: error.argument }),
      ...(error.operator === undefined ? {} : { operator: error.operator }),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    },
    originalError: error,
  });
}

export interface MaskOptions {
  requestId?: string | undefined;
  /** Called with the full error when its detail is hidden from the client. */
  onHidden?: (error: unknown) => void;
}

/**
 * Walks `originalError` / `cause` by shape rather than `instanceof GraphQLError`: under some
 * loaders graphql's CJS and ESM builds coexist, and an error from one is not an instance of the other.
 */
function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    if (current instanceof AppError) return current;
    const candidate = current as { originalError?: unknown; cause?: unknown };
    current = candidate.originalError ?? candidate.cause;
  }
  return undefined;
}

const SAFE_EXTENSION_KEYS = ['argument', 'operator', 'retryAfterSeconds', 'stale'] as const;

/**
 * The single place where any error becomes what a client sees: a message, a code from the
 * catalogue, the request id, and a few safe hints — never a stack, a URL or an upstream body.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown, options: MaskOptions = {}): GraphQLFormattedError {
  const appError = findAppError(error);
  const rawCode = formatted.extensions?.['code'];
  let code: ErrorCode;
  let message: string;
  if (appError) {
    code = appError.code;
    message = appError.message;
  } else if ((rawCode === undefined || rawCode === 'INTERNAL_SERVER_ERROR') && formatted.message === APOLLO_HASH_MISMATCH_MESSAGE) {
    code = ErrorCode.PERSISTED_QUERY_HASH_MISMATCH;
    message = GENERIC_MESSAGES.PERSISTED_QUERY_HASH_MISMATCH;
  } else if (typeof rawCode === 'string' && isErrorCode(rawCode)) {
    code = rawCode;
    message = code === ErrorCode.INTERNAL ? GENERIC_MESSAGES.INTERNAL : formatted.message;
  } else if (typeof rawCode === 'string' && APOLLO_CODE_MAP[rawCode] !== undefined) {
    code = APOLLO_CODE_MAP[rawCode];
    message = KEEP_MESSAGE_APOLLO.has(rawCode) ? formatted.message : GENERIC_MESSAGES[code];
  } else {
    code = ErrorCode.INTERNAL;
    message = GENERIC_MESSAGES.INTERNAL;
    options.onHidden?.(error);
  }
  const extensions: Record<string, unknown> = { code };
  // A resolver that throws an AppError (rather than toGraphQLError) leaves its hints on the error
  // itself, not in `formatted.extensions`: take them from there first.
  const hints: Record<string, unknown> = {
    ...formatted.extensions,
    ...(appError?.argument === undefined ? {} : { argument: appError.argument }),
    ...(appError?.operator === undefined ? {} : { operator: appError.operator }),
    ...(appError?.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: appError.retryAfterSeconds }),
  };
  for (const key of SAFE_EXTENSION_KEYS) {
    const value = hints[key];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      extensions[key] = value;
    }
  }
  if (options.requestId) extensions['requestId'] = options.requestId;
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}
