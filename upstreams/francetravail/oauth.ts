import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Scopes each France Travail API requires (upstreams.md §2); every listed word must be in the token. */
export const API_SCOPES = {
  offres: ['api_offresdemploiv2', 'o2dsoffre'],
  romeMetiers: ['api_rome-metiersv1', 'nomenclatureRome'],
  romeFiches: ['api_rome-fiches-metiersv1', 'nomenclatureRome'],
  labonneboite: ['api_labonneboitev2', 'search', 'office'],
  stats: ['api_stats-entrees-sorties-formationsv1', 'accesemploiDEformes'],
  /** Simulator extension: the job-seeker status API has no francetravail.io scope on record. */
  statut: ['api_statut-demandeurv1', 'statut'],
} as const;
export type ApiName = keyof typeof API_SCOPES;

const ALL_SCOPES = [...new Set(Object.values(API_SCOPES).flat())];

interface RegisteredClient {
  secret: string;
  scopes: readonly string[];
  /** Requests per second allowed; the real quota (10) unless stated. */
  ratePerSecond?: number;
}

/** The development client registry; the subgraph's defaults are the first entry. */
export const DEV_CLIENTS: Record<string, RegisteredClient> = {
  PAR_cpagraph_dev: { secret: 'cpagraph-dev-secret', scopes: ALL_SCOPES },
  /** A client allowed only the offers API, to exercise 403s. */
  PAR_cpagraph_offers: { secret: 'cpagraph-offers-secret', scopes: API_SCOPES.offres },
  /** Simulator-only: an unthrottled client for tests and benchmarks that measure something else than the quota. */
  PAR_cpagraph_unthrottled: { secret: 'cpagraph-unthrottled-secret', scopes: ALL_SCOPES, ratePerSecond: 10_000 },
};

/**
 * A deployment's own credentials (the launcher's FT_CLIENT_ID / FT_CLIENT_SECRET, which production
 * requires to be unpublished): the simulator accepts them like the development client.
 */
export function acceptClient(clientId: string, secret: string): void {
  DEV_CLIENTS[clientId] = { ...(DEV_CLIENTS[clientId] ?? { scopes: ALL_SCOPES }), secret };
}

export const TOKEN_LIFETIME_SECONDS = 1499;

interface IssuedToken {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

export interface TokenStore {
  tokens: Map<string, IssuedToken>;
  now: () => number;
}

const authError = (reply: FastifyReply, error: string, description: string) =>
  reply.code(400).header('cache-control', 'no-store').send({ error, error_description: description });

/** `POST /connexion/oauth2/access_token?realm=/partenaire` (client credentials, form body). */
export function registerTokenRoute(app: FastifyInstance, store: TokenStore): void {
  app.post('/connexion/oauth2/access_token', async (request, reply) => {
    const realm = (request.query as Record<string, unknown>)['realm'];
    // 1j1s sends `partenaire`, others `/partenaire` (raw or %2F-encoded): the real host accepts all three.
    if (realm !== '/partenaire' && realm !== 'partenaire') return authError(reply, 'invalid_request', 'Invalid realm');
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const grantType = String(body['grant_type'] ?? '');
    if (grantType !== 'client_credentials') return authError(reply, 'unsupported_grant_type', `Grant type is not supported: ${grantType}`);
    const clientId = String(body['client_id'] ?? '');
    const client = DEV_CLIENTS[clientId];
    if (!client || client.secret !== String(body['client_secret'] ?? '')) return authError(reply, 'invalid_client', 'Client authentication failed');
    const requested = String(body['scope'] ?? '').split(/\s+/).filter(Boolean).filter((scope) => scope !== `application_${clientId}`);
    const unknown = requested.filter((scope) => !client.scopes.includes(scope));
    if (unknown.length > 0) return authError(reply, 'invalid_scope', `Unknown/invalid scope(s): [${unknown.join(', ')}]`);
    const granted = requested.length > 0 ? requested : [...client.scopes];
    const accessToken = randomBytes(24).toString('base64url');
    store.tokens.set(accessToken, { clientId, scopes: new Set(granted), expiresAt: store.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .header('content-type', 'application/json;charset=UTF-8')
      .send({ scope: granted.join(' '), expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer', access_token: accessToken });
  });
}

/**
 * The bearer check of every API route: 401 without a valid unexpired token, 403 when the token
 * lacks the API's scope. Returns the client id for the rate limiter, or undefined after replying.
 */
export function authorize(request: FastifyRequest, reply: FastifyReply, store: TokenStore, api: ApiName): string | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] ? store.tokens.get(match[1]) : undefined;
  if (!token || token.expiresAt <= store.now()) {
    if (token && match?.[1]) store.tokens.delete(match[1]);
    void reply.code(401).send({ message: 'Jeton d\'accès invalide ou expiré.' });
    return undefined;
  }
  if (!API_SCOPES[api].every((scope) => token.scopes.has(scope))) {
    void reply.code(403).send({ message: 'Accès refusé : le jeton ne porte pas le scope requis par cette API.' });
    return undefined;
  }
  return token.clientId;
}
