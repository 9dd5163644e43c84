import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseScope } from '../../lib/auth/claims.js';
import { PERSONAL_SCOPES } from '../../lib/auth/principal.js';
import type { World } from '../data/world.js';
import { DEMO_CLIENTS } from './clients.js';
import type { KeyStore } from './keys.js';
import { noStore } from './oauth-errors.js';
import type { TokenIssuer } from './tokens.js';

const loginBody = z.object({
  workerId: z.string().min(1).max(128),
  /** Down-scopes the token (space-separated); default every personal scope. */
  scope: z.string().optional(),
});

/**
 * Development-only conveniences, no authentication: a FranceConnect-style login reduced to
 * "I am W000001", the demo directory, and key rotation for JWKS-refresh tests.
 */
export function registerDevRoutes(app: FastifyInstance, deps: { world: World; keys: KeyStore; issuer: TokenIssuer }): void {
  const { world, keys, issuer } = deps;

  app.post('/dev/login', async (request, reply) => {
    const parsed = loginBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid_request', message: 'Expected {"workerId": "W000001"}.' });
    const { workerId, scope } = parsed.data;
    if (!world.workerById.has(workerId)) return reply.code(404).send({ error: 'not_found', message: 'Unknown worker.' });
    const scopes = scope === undefined ? [...PERSONAL_SCOPES] : parseScope(scope);
    if (!scopes || !scopes.every((item) => (PERSONAL_SCOPES as readonly string[]).includes(item))) {
      return reply.code(400).send({ error: 'invalid_scope', message: `Scopes must be among: ${PERSONAL_SCOPES.join(' ')}` });
    }
    return noStore(reply).send(await issuer.forWorker(workerId, scopes));
  });

  app.get('/dev/workers', async () => ({
    workers: world.workers
      .filter((worker) => worker.demo !== null)
      .map((worker) => ({
        id: worker.id,
        label: worker.demo?.label,
        why: worker.demo?.why,
        token: `npm run -s token -- --worker ${worker.id}`,
        login: { method: 'POST', path: `${issuer.issuer}/dev/login`, body: { workerId: worker.id } },
      })),
  }));

  app.get('/dev/clients', async () => ({
    clients: DEMO_CLIENTS.map((client) => ({
      clientId: client.clientId,
      clientSecret: client.secret,
      description: client.description,
      allowedScopes: client.allowedScopes,
      token: `npm run -s token -- --client ${client.clientId}`,
    })),
  }));

  app.post('/dev/rotate-keys', async () => {
    const current = await keys.rotate();
    return { kid: current.kid, published: keys.jwks().keys.map((key) => key.kid) };
  });
}
