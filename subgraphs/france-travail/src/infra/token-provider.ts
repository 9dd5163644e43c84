import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { createTokenCache, type IssuedToken, type TokenCache, type UpstreamClient } from '../../../../lib/http/index.js';
import { createLogger } from '../../../../lib/logging/index.js';
import { tokenErrorSchema, tokenResponseSchema } from './token.response.js';

export const FT_OPERATOR = 'france-travail';
const log = createLogger('france-travail.token');

export interface TokenProviderOptions {
  /** lib/http client on FT_AUTH_URL. */
  auth: UpstreamClient;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes of every France Travail API the subgraph calls. */
  scope: string;
  /** Renew this long before `expires_in` runs out, so a token never expires in flight. */
  refreshMarginMs?: number;
  now?: () => number;
}

export type TokenProvider = TokenCache;

/**
 * OAuth2 client credentials on realm /partenaire (upstreams.md §2), kept and shared by
 * lib/http's token cache (until `expires_in − margin`, one request in flight).
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;

  async function requestToken(): Promise<IssuedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope,
    }).toString();
    const request = {
      method: 'POST',
      path: '/connexion/oauth2/access_token',
      query: { realm: '/partenaire' },
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      // Asking twice for a token is harmless, so transient failures may be retried.
      idempotent: true,
    } as const;
    // Decoded inside lib/http's breaker: refused or garbled token answers count, so a broken client id stops asking.
    return await options.auth.call(request, (response) => {
      if (response.status === 200) {
        const parsed = tokenResponseSchema.safeParse(safeJson(response.json.bind(response)));
        if (!parsed.success) throw upstreamUnavailable(FT_OPERATOR, { status: 200, cause: new Error('malformed token response') });
        return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
      }
      const error = tokenErrorSchema.safeParse(safeJson(response.json.bind(response)));
      // invalid_client / invalid_scope are our configuration's fault: say so in the logs, not to the caller.
      log.error({ status: response.status, error: error.success ? error.data.error : undefined }, 'France Travail refused the token request');
      throw upstreamUnavailable(FT_OPERATOR, { status: response.status });
    });
  }

  return createTokenCache(requestToken, { now, ...(options.refreshMarginMs === undefined ? {} : { refreshMarginMs: options.refreshMarginMs }) });
}

function safeJson(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}

