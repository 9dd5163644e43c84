import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isWorkerId } from '../../lib/auth/claims.js';
import { isAppError } from '../../lib/errors/index.js';
import type { Principal } from '../../lib/auth/principal.js';
import type { TokenVerifier } from '../../lib/auth/verifier.js';
import type { World } from '../data/world.js';
import { findClient } from './clients.js';
import type { ConsentStore } from './consents.js';
import { noStore, oauthError } from './oauth-errors.js';

const grantBody = z.object({
  workerId: z.string().min(1).max(128),
  clientId: z.string().min(1).max(64),
  scopes: z.array(z.string()).min(1).max(16),
});
const revokeBody = grantBody.extend({ scopes: z.array(z.string()).max(16).optional() });

export interface ConsentRouteDeps {
  world: World;
  consents: ConsentStore;
  /** Verifies partner tokens against this issuer's own keys. */
  verifier: TokenVerifier;
}

/**
 * The worker's consents. Granting and revoking are development endpoints without authentication
 * (standing in for the worker's consent screen); the lookup is the resource servers' API and
 * needs the partner's own token.
 */
export function registerConsentRoutes(app: FastifyInstance, { world, consents, verifier }: ConsentRouteDeps): void {
  app.post('/dev/consents', async (request, reply) => {
    const parsed = grantBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: 'Expected {"workerId","clientId","scopes":[...]}.' });
    const { workerId, clientId, scopes } = parsed.data;
    if (!world.workerById.has(workerId)) return reply.code(404).send({ error: 'not_found', message: 'Unknown worker.' });
    const client = findClient(clientId);
    if (!client) return reply.code(404).send({ error: 'not_found', message: 'Unknown client.' });
    const refused = scopes.filter((scope) => !client.allowedScopes.includes(scope));
    if (refused.length > 0) return reply.code(400).send({ error: 'invalid_scope', message: 'This client may not hold one of these scopes.' });
    return { workerId, clientId, scopes: consents.grant(workerId, clientId, scopes) };
  });

  app.delete('/dev/consents', async (request, reply) => {
    const parsed = revokeBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: 'Expected {"workerId","clientId","scopes"?:[...]}.' });
    const { workerId, clientId, scopes } = parsed.data;
    return { workerId, clientId, scopes: consents.revoke(workerId, clientId, scopes) };
  });

  app.get('/dev/consents', async () => ({ consents: consents.all() }));

  app.get('/consents/me', async (request, reply) => {
    noStore(reply);
    let principal: Principal;
    try {
      principal = await verifier.principalFrom(request.headers.authorization);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'UNAUTHENTICATED') throw error;
      reply.header('www-authenticate', 'Bearer realm="identity", error="invalid_token"');
      return oauthError(reply, 401, 'invalid_token', 'The access token is invalid.');
    }
    if (principal.kind === 'anonymous') {
      reply.header('www-authenticate', 'Bearer realm="identity"');
      return oauthError(reply, 401, 'invalid_token', 'A partner access token is required.');
    }
    if (principal.kind !== 'partner') return oauthError(reply, 403, 'access_denied', 'Only partner tokens may look up consents.');
    const workerId = (request.query as Record<string, unknown>)['worker_id'];
    if (!isWorkerId(workerId)) return oauthError(reply, 400, 'invalid_request', 'worker_id is required.');
    // An unknown worker answers like one without consent, so partners cannot probe which ids exist.
    return { workerId, clientId: principal.clientId, scopes: consents.scopes(workerId, principal.clientId) };
  });
}
