/** An access token as an OAuth2 token endpoint announces it. */
export interface IssuedToken {
  accessToken: string;
  /** `expires_in`, in seconds. */
  expiresInSeconds: number;
}

export interface TokenCache {
  /** A valid token; concurrent callers share one token request. */
  get(): Promise<string>;
  /** Forgets `token` after the API refused it (401), unless a newer one already replaced it. */
  invalidate(token: string): void;
}

export interface TokenCacheOptions {
  /** Renew this long before `expires_in` runs out, so a token never expires in flight (default 60 s). */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * The client side of OAuth2 client credentials, whatever the operator: the token is kept until
 * `expires_in − margin`, and there is never more than one token request in flight (single-flight),
 * so a burst of requests at start makes one token call. `request` says how this operator is asked.
 */
export function createTokenCache(request: () => Promise<IssuedToken>, options: TokenCacheOptions = {}): TokenCache {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  let current: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function renew(): Promise<string> {
    const issued = await request();
    current = { token: issued.accessToken, renewAt: now() + Math.max(0, issued.expiresInSeconds * 1000 - margin) };
    return issued.accessToken;
  }

  return {
    async get() {
      if (current && now() < current.renewAt) return current.token;
      inFlight ??= renew().finally(() => {
        inFlight = undefined;
      });
      return await inFlight;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
