import { ErrorCode } from './codes.js';

export interface AppErrorOptions {
  /** The GraphQL argument at fault, e.g. `romeCode` or `filter.near.communeCode`. */
  argument?: string;
  /** The upstream operator concerned, e.g. `france-travail`. */
  operator?: string;
  /** Seconds after which a retry may succeed (rate limits). */
  retryAfterSeconds?: number;
  /** For logs only: never sent to a client. */
  cause?: unknown;
  /** Upstream HTTP status, for logs and retry policy. */
  status?: number;
}

/**
 * The one error type the code raises on purpose. Its `code` is in the closed catalogue;
 * its message is safe to show a client (it never quotes an upstream body).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly argument: string | undefined;
  readonly operator: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.argument = options.argument;
    this.operator = options.operator;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.status = options.status;
  }
}

export const badInput = (argument: string, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { argument });

export const forbidden = (message = 'You are not allowed to read this data.'): AppError =>
  new AppError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message = 'Authentication is required.'): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const notFound = (message: string): AppError => new AppError(ErrorCode.NOT_FOUND, message);

export const upstreamUnavailable = (operator: string, options: Omit<AppErrorOptions, 'operator'> = {}): AppError =>
  new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${operator} service is unavailable; try again later.`, {
    ...options,
    operator,
  });

export const upstreamTimeout = (operator: string, options: Omit<AppErrorOptions, 'operator'> = {}): AppError =>
  new AppError(ErrorCode.UPSTREAM_TIMEOUT, `The ${operator} service did not answer in time; try again later.`, {
    ...options,
    operator,
  });

export const rateLimited = (operator: string | undefined, retryAfterSeconds?: number): AppError =>
  new AppError(ErrorCode.RATE_LIMITED, 'Too many requests; slow down.', {
    ...(operator === undefined ? {} : { operator }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
