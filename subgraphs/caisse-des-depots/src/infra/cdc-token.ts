import { upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamClient } from '../../../../lib/http/index.js';
import { jetonSchema } from './cdc-rights.response.js';
import { CDC_OPERATOR, cdcFailure, parseBody } from './cdc-errors.js';

export interface TokenProvider {
  /** A valid bearer token, fetched once and reused until shortly before it expires. */
  token(): Promise<string>;
  /** Forgets the token (after a 401), so the next call fetches a fresh one. */
  invalidate(rejected: string): void;
}

/** Refresh this long before the announced expiry, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * OAuth2 client credentials against `POST {CDC_API_URL}/oauth/token`. Concurrent callers share
 * one token request (single flight): a burst of requests at start makes one token call.
 */
export function createTokenProvider(options: { http: UpstreamClient; clientId: string; clientSecret: string; now?: () => number }): TokenProvider {
  const now = options.now ?? Date.now;
  let current: { value: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const response = await options.http.request({
      method: 'POST',
      path: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret, scope: 'droits.lecture' }).toString(),
      idempotent: true,
    });
    if (response.status !== 200) {
      // A refused client is our configuration, not the caller's: report the operator as unavailable.
      if (response.status === 400 || response.status === 401) throw upstreamUnavailable(CDC_OPERATOR, { status: response.status, cause: { reason: 'TOKEN_REFUSED' } });
      throw cdcFailure(response, 'token');
    }
    const body = parseBody(response, jetonSchema, 'token');
    current = { value: body.access_token, expiresAt: now() + body.expires_in * 1000 - EXPIRY_MARGIN_MS };
    return body.access_token;
  }

  return {
    async token() {
      if (current && current.expiresAt > now()) return current.value;
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return await inFlight;
    },
    invalidate(rejected) {
      if (current?.value === rejected) current = undefined;
    },
  };
}
