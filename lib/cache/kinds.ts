import type { Scope } from './keys.js';

export interface KindPolicy {
  /** How long an entry is served as fresh. */
  ttlSeconds: number;
  /** How long past its TTL an entry is kept to be served if the upstream fails (stale-if-error). */
  graceSeconds: number;
  /** Personal data: must be fetched with `{ ownerId }`, never lands in the in-process tier. */
  personal?: boolean;
}

export type KindTable = Readonly<Record<string, KindPolicy>>;

/**
 * Defaults by class of data. Personal data has no grace: a worker's rights must not be shown
 * from an older read once the operator stops answering (and keeping it shortest limits exposure).
 */
export const DEFAULT_KINDS = {
  reference: { ttlSeconds: 6 * 3600, graceSeconds: 24 * 3600 },
  catalogue: { ttlSeconds: 10 * 60, graceSeconds: 60 * 60 },
  offers: { ttlSeconds: 90, graceSeconds: 10 * 60 },
  personal: { ttlSeconds: 45, graceSeconds: 0, personal: true },
} as const satisfies KindTable;

export type DefaultKinds = typeof DEFAULT_KINDS;

/**
 * Scope a kind accepts. A kind that declares `personal` (unless literally `false`) requires an
 * owner; so does a kind typed only as `KindPolicy`, whose flag the compiler cannot see.
 */
export type ScopeFor<P extends KindPolicy> = 'personal' extends keyof P ? (P extends { personal: false } ? Scope : { ownerId: string }) : Scope;

export interface FetchOptions<P extends KindPolicy> {
  scope: ScopeFor<P>;
  /** Overrides the kind's TTL for this call. */
  ttlSeconds?: number;
  /** Name reported by `markStale` when a stale value is served; defaults to the error's operator, else the kind. */
  staleSource?: string;
}

/** `fetchMany` also reads one named entry of several owners: the keys are owner ids (lib/cache/fetch-many.ts). */
export interface FetchManyOptions<P extends KindPolicy> extends Omit<FetchOptions<P>, 'scope'> {
  scope: ScopeFor<P> | { perOwner: string };
}
