import { recordSource } from '../provenance/sources.js';
import type { KindPolicy } from './kinds.js';

/**
 * What one cache read tells `extensions.sources`: an entry's fetch time is its `freshUntil` less
 * the TTL it was written with; a value the loader just produced was fetched now.
 */
export function noteCacheSource(operator: string, policy: KindPolicy, now: number, freshUntil: number | undefined, stale: boolean): void {
  recordSource({ operator, fetchedAt: freshUntil === undefined ? now : freshUntil - policy.ttlSeconds * 1000, ttlSeconds: policy.ttlSeconds, stale });
}
