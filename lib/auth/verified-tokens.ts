import { decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './verifier.js';
import { counter } from '../metrics/index.js';

/**
 * A process verifies a given token once, not on every request (issue #15: per-request work at a
 * few hundred µs): the gateway, and each subgraph, which verifies the caller's token again behind
 * it (jose's signature check was ~5 % of a subgraph's CPU under the dashboard). The principal a token verified to is remembered by the whole `Authorization`
 * header until the token's own `exp` (never past it, leeway or not), in a bounded LRU; concurrent
 * requests with one new token share its single verification. Failures are not remembered: the
 * next request with that header is verified again (and fails again, or succeeds once the issuer's
 * keys are reachable). The principals handed out are frozen, since requests share them.
 */
export interface TokenCacheOptions {
  maxEntries: number;
  now?: () => number;
  /** The counter's name on this process's /metrics: `gateway_token_cache_total` (gateway), `subgraph_token_cache_total`. */
  metric?: string;
}

/** Tokens a subgraph remembers (the gateway's bound is TOKEN_CACHE_MAX_ENTRIES). */
export const SUBGRAPH_TOKEN_CACHE_ENTRIES = 10_000;

const lookupsNamed = (name: string) =>
  counter<'outcome'>({ name, help: 'Token verifications answered from the token cache (hit) or run (miss)', labelNames: ['outcome'] });

const deepFreeze = (principal: Principal): Principal => {
  if ('scopes' in principal) Object.freeze(principal.scopes);
  return Object.freeze(principal);
};

/** Milliseconds since epoch at which the verified token in `header` expires; undefined when it says nothing usable. */
function expiryOf(header: string): number | undefined {
  const token = header.replace(/^Bearer +/i, '').trim();
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function cachedVerifier(verifier: TokenVerifier, options: TokenCacheOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const lookups = lookupsNamed(options.metric ?? 'subgraph_token_cache_total');
  const verified = new LRUCache<string, { principal: Principal; expiresAt: number }>({ max: options.maxEntries });
  const pending = new Map<string, Promise<Principal>>();
  return {
    ...verifier,
    async principalFrom(header) {
      if (header === undefined) return await verifier.principalFrom(header);
      const known = verified.get(header);
      if (known && known.expiresAt > now()) {
        lookups.inc({ outcome: 'hit' });
        return known.principal;
      }
      if (known) verified.delete(header);
      const inFlight = pending.get(header);
      if (inFlight) {
        lookups.inc({ outcome: 'hit' });
        return await inFlight;
      }
      lookups.inc({ outcome: 'miss' });
      const verification = verifier.principalFrom(header).then((principal) => {
        const expiresAt = expiryOf(header);
        const frozen = deepFreeze(principal);
        if (expiresAt !== undefined && expiresAt > now()) verified.set(header, { principal: frozen, expiresAt });
        return frozen;
      });
      pending.set(header, verification);
      try {
        return await verification;
      } finally {
        pending.delete(header);
      }
    },
  };
}
