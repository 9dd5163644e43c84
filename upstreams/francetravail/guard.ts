import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { authorize, type ApiName, type TokenStore } from './oauth.js';
import type { RateLimiter } from './rate-limit.js';

/** A preHandler per API: bearer token with the API's scope, then the per-client rate limit. */
export type Guard = (api: ApiName) => preHandlerAsyncHookHandler;

export function createGuard(store: TokenStore, limiter: RateLimiter): Guard {
  return (api) =>
    async function guard(request: FastifyRequest, reply: FastifyReply) {
      const clientId = authorize(request, reply, store, api);
      if (clientId === undefined) return reply;
      if (!limiter.admit(clientId, reply)) return reply;
      return undefined;
    };
}
