import { rateLimited, upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamClient } from '../../../../lib/http/index.js';
import { parseRetryAfter } from '../../../../lib/http/index.js';
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

export interface TokenProvider {
  /** A valid access token; concurrent callers share one token request. */
  get(): Promise<string>;
  /** Forgets `token` after the API refused it (401), unless a newer one already replaced it. */
  invalidate(token: string): void;
}

/**
 * OAuth2 client credentials on realm /partenaire (upstreams.md §2). The token is kept until
 * `expires_in − margin`; there is never more than one token request in flight (single-flight).
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  let current: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope,
    }).toString();
    const response = await options.auth.request({
      method: 'POST',
      path: '/connexion/oauth2/access_token',
      query: { realm: '/partenaire' },
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      // Asking twice for a token is harmless, so transient failures may be retried.
      idempotent: true,
    });
    if (response.status === 200) {
      const parsed = tokenResponseSchema.safeParse(safeJson(response.json.bind(response)));
      if (!parsed.success) throw upstreamUnavailable(FT_OPERATOR, { status: 200, cause: new Error('malformed token response') });
      current = { token: parsed.data.access_token, renewAt: now() + Math.max(0, parsed.data.expires_in * 1000 - margin) };
      return parsed.data.access_token;
    }
    if (response.status === 429) {
      const retryAfter = parseRetryAfter(response.headers['retry-after'], now());
      throw rateLimited(FT_OPERATOR, retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000));
    }
    const error = tokenErrorSchema.safeParse(safeJson(response.json.bind(response)));
    // invalid_client / invalid_scope are our configuration's fault: say so in the logs, not to the caller.
    log.error({ status: response.status, error: error.success ? error.data.error : undefined }, 'France Travail refused the token request');
    throw upstreamUnavailable(FT_OPERATOR, { status: response.status });
  }

  return {
    async get() {
      if (current && now() < current.renewAt) return current.token;
      inFlight ??= requestToken().finally(() => {
        inFlight = undefined;
      });
      return await inFlight;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

function safeJson(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}

