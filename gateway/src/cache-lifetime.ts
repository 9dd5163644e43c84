import type { SourceRecord } from '../../lib/provenance/sources.js';

/**
 * How long the gateway may reuse public data, shared by its two caches (response-cache.ts for whole
 * answers, entity-cache.ts for entity results): the subgraphs' hint, capped by the gateway's own
 * bound and by what is left of each operator source's freshness. 0 means "do not reuse".
 */
export function lifetimeSeconds(maxAge: number, sources: readonly SourceRecord[], now: number, cap: number): number {
  let seconds = Math.min(maxAge, cap);
  for (const source of sources) {
    // Read per request by its subgraph (no TTL), or already past it: not for reuse.
    if (source.stale || source.ttlSeconds === null) return 0;
    seconds = Math.min(seconds, (source.fetchedAt + source.ttlSeconds * 1000 - now) / 1000);
  }
  return Math.floor(seconds);
}

/**
 * The max-age of a subgraph's `cache-control` header when it allows shared reuse (`public`,
 * `max-age=N` with N > 0, neither `private` nor `no-store`/`no-cache`); 0 otherwise. The subgraphs
 * write this header with Apollo's cache-control plugin; five directives are read, so no library.
 */
export function publicMaxAge(header: string | null | undefined): number {
  if (!header) return 0;
  let maxAge = 0;
  let isPublic = false;
  for (const part of header.toLowerCase().split(',')) {
    const [name, value] = part.trim().split('=');
    if (name === 'private' || name === 'no-store' || name === 'no-cache') return 0;
    if (name === 'public') isPublic = true;
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value)) maxAge = Number(value);
  }
  return isPublic ? maxAge : 0;
}
