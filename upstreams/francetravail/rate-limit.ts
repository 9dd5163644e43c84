import type { FastifyReply } from 'fastify';

/** 10 requests/s per client id, as the live `x-ratelimit-*-clientidlimiter` headers say (upstreams.md §1.4). */
export const RATE_PER_SECOND = 10;
export const BURST = 10;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per client id (capacity 10, refilled continuously at 10/s). */
export function createRateLimiter(now: () => number, rateOf: (clientId: string) => number = () => RATE_PER_SECOND) {
  const buckets = new Map<string, Bucket>();
  return {
    /** Sets the rate-limit headers; replies 429 and returns false when the client is over quota. */
    admit(clientId: string, reply: FastifyReply): boolean {
      const at = now();
      const rate = rateOf(clientId);
      const burst = Math.max(BURST, rate);
      const bucket = buckets.get(clientId) ?? { tokens: burst, updatedAt: at };
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * rate);
      bucket.updatedAt = at;
      buckets.set(clientId, bucket);
      void reply
        .header('x-ratelimit-burst-capacity-clientidlimiter', String(burst))
        .header('x-ratelimit-replenish-rate-clientidlimiter', String(rate))
        .header('x-ratelimit-requested-tokens-clientidlimiter', '1');
      if (bucket.tokens < 1) {
        const waitSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
        void reply
          .code(429)
          .header('x-ratelimit-remaining-clientidlimiter', '0')
          .header('retry-after', String(waitSeconds))
          .send({ message: 'Limite de requêtes dépassée : 10 appels par seconde au maximum.' });
        return false;
      }
      bucket.tokens -= 1;
      void reply.header('x-ratelimit-remaining-clientidlimiter', String(Math.floor(bucket.tokens)));
      return true;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
