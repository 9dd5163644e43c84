import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import { createTokenCache, parseUpstreamJson, type IssuedToken, type UpstreamClient } from '../../../../lib/http/index.js';
import { jetonSchema } from './cdc-rights.response.js';
import { CDC_OPERATOR, cdcFailure } from './cdc-errors.js';

export interface TokenProvider {
  /** A valid bearer token, fetched once and reused until shortly before it expires. */
  token(): Promise<string>;
  /** Forgets the token (after a 401), so the next call fetches a fresh one. */
  invalidate(rejected: string): void;
}

/**
 * OAuth2 client credentials against `POST {CDC_API_URL}/oauth/token`, kept and shared by lib/http's
 * token cache (renewed a minute before expiry; concurrent callers share one token request).
 */
export function createTokenProvider(options: { http: UpstreamClient; clientId: string; clientSecret: string; now?: () => number }): TokenProvider {
  async function fetchToken(): Promise<IssuedToken> {
    const request = {
      method: 'POST',
      path: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret, scope: 'droits.lecture' }).toString(),
      idempotent: true,
    } as const;
    // Decoded inside the breaker: a refused token request counts, so a misconfigured client stops asking.
    return await options.http.call(request, (response) => {
      if (response.status !== 200) {
        // A refused client is our configuration, not the caller's: report the operator as unavailable.
        if (response.status === 400 || response.status === 401) throw upstreamUnavailable(CDC_OPERATOR, { status: response.status, cause: { reason: 'TOKEN_REFUSED' } });
        throw cdcFailure(response, 'token');
      }
      const body = parseUpstreamJson(response, jetonSchema, CDC_OPERATOR, { operation: 'token' });
      return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
    });
  }

  const cache = createTokenCache(fetchToken, options.now ? { now: options.now } : {});
  return { token: cache.get, invalidate: cache.invalidate };
}
