import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseScope } from '../../lib/auth/claims.js';
import { authenticateClient, type DemoClient } from './clients.js';
import { noStore, oauthError } from './oauth-errors.js';
import type { TokenIssuer } from './tokens.js';

interface Credentials {
  clientId: string;
  secret: string;
}

type Params = Record<string, string>;

/** Form fields as single strings; undefined when a parameter repeats (RFC 6749 §3.2 forbids it). */
function singleParams(body: unknown): Params | undefined {
  if (typeof body !== 'object' || body === null) return {};
  const params: Params = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') return undefined;
    params[name] = value;
  }
  return params;
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function basicCredentials(header: string): Credentials | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    const plus = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
    return { clientId: plus(decoded.slice(0, colon)), secret: plus(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

type CredentialResult = { ok: Credentials } | { error: 'invalid_request' | 'invalid_client'; description: string };

function credentialsOf(authorization: string | undefined, params: Params): CredentialResult {
  if (authorization !== undefined) {
    // A client must use one authentication method only (RFC 6749 §2.3).
    if (params['client_secret'] !== undefined) return { error: 'invalid_request', description: 'Use either HTTP Basic or client_secret, not both.' };
    const basic = basicCredentials(authorization);
    if (!basic) return { error: 'invalid_client', description: 'Malformed client authentication.' };
    if (params['client_id'] !== undefined && params['client_id'] !== basic.clientId) {
      return { error: 'invalid_request', description: 'client_id does not match the authenticated client.' };
    }
    return { ok: basic };
  }
  const clientId = params['client_id'];
  const secret = params['client_secret'];
  if (clientId === undefined || secret === undefined) return { error: 'invalid_client', description: 'Client authentication is required.' };
  return { ok: { clientId, secret } };
}

type ScopeResult = { ok: string[] } | { error: string };

/** No `scope` means every scope the client may have (RFC 6749 §3.3 lets the server pick a default). */
function grantedScopes(requested: string | undefined, client: DemoClient): ScopeResult {
  if (requested === undefined) return { ok: [...client.allowedScopes] };
  const scopes = parseScope(requested);
  if (scopes === undefined) return { error: 'The scope parameter is malformed.' };
  const refused = scopes.filter((scope) => !client.allowedScopes.includes(scope));
  if (refused.length > 0) return { error: `Scope not allowed for this client: ${refused.join(' ')}` };
  return { ok: scopes };
}

async function handleToken(request: FastifyRequest, reply: FastifyReply, issuer: TokenIssuer): Promise<FastifyReply> {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(reply, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const params = singleParams(request.body);
  if (!params) return oauthError(reply, 400, 'invalid_request', 'A parameter is repeated or not a string.');
  const credentials = credentialsOf(request.headers.authorization, params);
  if ('error' in credentials) {
    if (credentials.error === 'invalid_request') return oauthError(reply, 400, 'invalid_request', credentials.description);
    reply.header('www-authenticate', 'Basic realm="identity", charset="UTF-8"');
    return oauthError(reply, 401, 'invalid_client', credentials.description);
  }
  const client = authenticateClient(credentials.ok.clientId, credentials.ok.secret);
  if (!client) {
    reply.header('www-authenticate', 'Basic realm="identity", charset="UTF-8"');
    return oauthError(reply, 401, 'invalid_client', 'Client authentication failed.');
  }
  const grantType = params['grant_type'];
  if (grantType === undefined) return oauthError(reply, 400, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'client_credentials') {
    return oauthError(reply, 400, 'unsupported_grant_type', 'Only client_credentials is supported.');
  }
  const scopes = grantedScopes(params['scope'], client);
  if ('error' in scopes) return oauthError(reply, 400, 'invalid_scope', scopes.error);
  return noStore(reply).send(await issuer.forPartner(client.clientId, scopes.ok));
}

/** `POST /token`: OAuth2 client credentials (RFC 6749 §4.4), secrets by HTTP Basic or in the form. */
export function registerTokenRoute(app: FastifyInstance, issuer: TokenIssuer): void {
  app.post('/token', (request, reply) => handleToken(request, reply, issuer));
}
