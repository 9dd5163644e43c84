import { AppError } from '../errors/index.js';
import type { SingleFlight } from './flight.js';
import type { Scope } from './keys.js';
import type { KindPolicy, KindTable } from './kinds.js';
import type { LockSettings } from './lock.js';
import type { Tiers } from './tiers.js';

/** What `fetch` and `fetchMany` share inside one cache. */
export interface CacheContext {
  /** `cpa:v<version>:<namespace>` */
  prefix: string;
  /** Operator named in `extensions.sources` when a fetch gives no `staleSource`: the cache's `operator`, else its namespace. */
  source: string;
  now: () => number;
  secret: string;
  kinds: KindTable;
  tiers: Tiers;
  flights: SingleFlight;
  batchFlights: SingleFlight;
  lock: LockSettings;
}

export function policyFor(context: Pick<CacheContext, 'kinds'>, kind: string, ttlSeconds: number | undefined): KindPolicy {
  const policy = context.kinds[kind];
  if (policy === undefined) throw new Error(`Unknown cache kind "${kind}"`);
  if (ttlSeconds === undefined) return policy;
  if (!(ttlSeconds > 0)) throw new RangeError(`ttlSeconds must be positive, got ${ttlSeconds}`);
  return { ...policy, ttlSeconds };
}

/** The types already demand an owner for personal kinds; this catches untyped callers too. */
export function checkedScope(kind: string, policy: KindPolicy, scope: Scope | undefined): Scope {
  if (scope === undefined) throw new Error(`Cache kind "${kind}" needs a scope`);
  if (scope === 'public') {
    if (policy.personal !== false && policy.personal !== undefined) throw new Error(`Cache kind "${kind}" holds personal data: pass { ownerId }`);
    return scope;
  }
  if (typeof scope.ownerId !== 'string' || scope.ownerId.trim() === '') throw new Error(`Cache kind "${kind}": ownerId must be a non-empty string`);
  return scope;
}

const STALE_WORTHY = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'RATE_LIMITED']);

/** Failures of the upstream (not of our code or the caller's input) are the ones a stale value may cover. */
export function isUpstreamFailure(error: unknown): boolean {
  if (error instanceof AppError) return STALE_WORTHY.has(error.code);
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EOPENBREAKER';
}

export function staleSource(error: unknown, kind: string, override: string | undefined): string {
  if (override !== undefined) return override;
  if (error instanceof AppError && error.operator !== undefined) return error.operator;
  return kind;
}
