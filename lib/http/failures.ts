import { AppError, upstreamTimeout, upstreamUnavailable } from '../errors/index.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
/** Our own mistakes (bad header value, bad option): retrying or blaming the upstream would hide them. */
const PROGRAMMING_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_VALUE']);

export type FailureKind = 'timeout' | 'connection' | 'programming';

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Anything that is neither a timeout nor our own mistake is treated as the upstream being unreachable. */
export function classifyFailure(error: unknown): FailureKind {
  const code = codeOf(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) return 'timeout';
  if (code !== undefined && PROGRAMMING_CODES.has(code)) return 'programming';
  if (error instanceof TypeError || error instanceof RangeError) return 'programming';
  return 'connection';
}

/**
 * The client-safe error for a failed exchange. The cause (kept for logs only) is the transport
 * error, never a response body.
 */
export function toUpstreamError(operator: string, error: unknown): Error {
  if (error instanceof AppError) return error;
  switch (classifyFailure(error)) {
    case 'timeout':
      return upstreamTimeout(operator, { cause: error });
    case 'connection':
      return upstreamUnavailable(operator, { cause: error });
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

