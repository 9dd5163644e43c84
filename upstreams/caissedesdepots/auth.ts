import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { erreur } from './errors.js';

/** Dev credentials; the subgraph's CDC_CLIENT_ID / CDC_CLIENT_SECRET default to the first pair. */
export const CDC_CLIENTS: Record<string, { secret: string; scopes: string[] }> = {
  'cpa-graph-dev': { secret: 'cpa-graph-dev-secret', scopes: ['droits.lecture'] },
  'cpa-graph-sans-droits': { secret: 'sans-droits-secret', scopes: [] },
};
/** A deployment's own CDC_CLIENT_ID / CDC_CLIENT_SECRET, accepted like the development pair. */
export function acceptClient(clientId: string, secret: string): void {
  CDC_CLIENTS[clientId] = { scopes: ['droits.lecture'], ...CDC_CLIENTS[clientId], secret };
}
export const TOKEN_LIFETIME_SECONDS = 1_800;
/** Requests per client per second before 429 QUOTA_DEPASSE. */
export const QUOTA_PER_SECOND = 500;

interface Issued {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export function createTokenStore() {
  const tokens = new Map<string, Issued>();
  const usage = new Map<string, { second: number; count: number }>();

  function credentials(request: FastifyRequest): { id: string; secret: string } | undefined {
    const header = request.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      return id && secret !== undefined ? { id, secret } : undefined;
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = body['client_id'];
    const secret = body['client_secret'];
    return typeof id === 'string' && typeof secret === 'string' ? { id, secret } : undefined;
  }

  /** RFC 6749 §4.4 client credentials; errors in the RFC's own shape (`error`, `error_description`). */
  async function issue(request: FastifyRequest, reply: FastifyReply) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body['grant_type'] !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Seul grant_type=client_credentials est accepté.' });
    }
    const given = credentials(request);
    const client = given ? CDC_CLIENTS[given.id] : undefined;
    if (!given || !client || !sameSecret(client.secret, given.secret)) {
      return reply.code(401).send({ error: 'invalid_client', error_description: 'Identifiants client inconnus ou invalides.' });
    }
    const asked = typeof body['scope'] === 'string' ? body['scope'].split(' ').filter(Boolean) : client.scopes;
    if (!asked.every((scope) => client.scopes.includes(scope))) {
      return reply.code(400).send({ error: 'invalid_scope', error_description: 'Périmètre non autorisé pour ce client.' });
    }
    const now = Date.now();
    for (const [token, issued] of tokens) if (issued.expiresAt <= now) tokens.delete(token);
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { clientId: given.id, scopes: asked, expiresAt: now + TOKEN_LIFETIME_SECONDS * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: asked.join(' ') };
  }

  /** Guards the API routes: a valid bearer token with `droits.lecture`, within the quota. */
  async function guard(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const issued = header?.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
    if (!issued || issued.expiresAt <= Date.now()) return erreur(reply, 'JETON_INVALIDE', "Jeton d'accès absent, invalide ou expiré.");
    if (!issued.scopes.includes('droits.lecture')) return erreur(reply, 'DROIT_INSUFFISANT', 'Le jeton ne porte pas le périmètre droits.lecture.');
    const second = Math.floor(Date.now() / 1000);
    const current = usage.get(issued.clientId);
    const count = current && current.second === second ? current.count + 1 : 1;
    usage.set(issued.clientId, { second, count });
    if (count > QUOTA_PER_SECOND) {
      reply.header('retry-after', '1');
      return erreur(reply, 'QUOTA_DEPASSE', `Quota de ${QUOTA_PER_SECOND} requêtes par seconde dépassé.`);
    }
    return undefined;
  }

  return { issue, guard, expireAll: () => tokens.clear() };
}
