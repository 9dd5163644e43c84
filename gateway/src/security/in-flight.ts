import type { ServerResponse } from 'node:http';
import { rateLimited } from '../../../lib/errors/index.js';
import type { RateLimitSubject } from './principal-key.js';

/**
 * Issue #12.3: requests in flight at once per anonymous client address, in this gateway process.
 * The request and cost windows bound how much a client asks per minute, but twenty heavy requests
 * sent at the same instant are all admitted before any of them settles, and while they run they
 * share the CPU and the operators' quotas with everyone else. Past `max` requests of one address
 * still unanswered, the next is refused at once: 429 RATE_LIMITED with `Retry-After: 1` (set by the
 * HTTP layer from the error) and `RateLimit-Policy: 6;comment="in-flight"`, no GraphQL work, no
 * upstream call. The default (6) is what a browser opens to one origin over HTTP/1.1, so
 * a person on a page never meets it. Workers and partners are identified and budgeted: not capped.
 * Per process, like the socket it counts: N replicas allow N × max.
 */
export interface InFlightLimit {
  /** Counts the request until its response closes; throws RATE_LIMITED when the address is at its cap. */
  enter(subject: RateLimitSubject, response: ServerResponse): void;
  /** Requests in flight for an address key (tests). */
  inFlight(key: string): number;
}

export function createInFlightLimit(maxAnonymous: number): InFlightLimit {
  const counts = new Map<string, number>();
  const leave = (key: string) => {
    const left = (counts.get(key) ?? 1) - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  };
  return {
    enter(subject, response) {
      if (subject.kind !== 'anonymous' || maxAnonymous <= 0) return;
      const current = counts.get(subject.key) ?? 0;
      if (current >= maxAnonymous) {
        response.setHeader('ratelimit-policy', `${maxAnonymous};comment="in-flight"`);
        throw rateLimited(undefined, 1);
      }
      counts.set(subject.key, current + 1);
      // 'close' fires once the response is sent or the socket is gone, whichever comes first.
      response.once('close', () => leave(subject.key));
    },
    inFlight: (key) => counts.get(key) ?? 0,
  };
}
