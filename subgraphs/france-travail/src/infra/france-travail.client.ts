import { AppError, ErrorCode, upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../../../../lib/http/index.js';
import { createLogger } from '../../../../lib/logging/index.js';
import type { RateGate } from './rate-gate.js';
import type { TokenProvider } from './token-provider.js';

const log = createLogger('france-travail.client');

export interface FranceTravailClient {
  /**
   * Sends one API request with a bearer token, after the rate gate. A 401 refreshes the token
   * once and retries. Returns 2xx, 400 and 404 answers for the caller's policy; every other
   * status becomes an AppError here (429 is already RATE_LIMITED from lib/http).
   */
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
}

export interface FranceTravailClientOptions {
  /** lib/http client on FT_API_URL. */
  api: UpstreamClient;
  tokens: TokenProvider;
  gate: RateGate;
}

export function createFranceTravailClient({ api, tokens, gate }: FranceTravailClientOptions): FranceTravailClient {
  const operator = api.operator;

  async function attempt(request: UpstreamRequest): Promise<{ response: UpstreamResponse; token: string }> {
    const token = await tokens.get();
    await gate.acquire();
    const response = await api.request({ ...request, headers: { accept: 'application/json', ...request.headers, authorization: `Bearer ${token}` } });
    return { response, token };
  }

  return {
    async send(request) {
      let { response, token } = await attempt(request);
      if (response.status === 401) {
        // The token expired early or was revoked: one fresh token, one more try.
        tokens.invalidate(token);
        ({ response, token } = await attempt(request));
      }
      const { status } = response;
      if ((status >= 200 && status < 300) || status === 400 || status === 404) return response;
      log.warn({ operator, status, path: request.path }, 'France Travail answered an error status');
      throw upstreamUnavailable(operator, { status });
    },
  };
}

/** An upstream 400 after our own validation means a parameter slipped through: the caller's input, described generically. */
export function rejectedByUpstream(operator: string, argument?: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, 'The data provider rejected the search parameters.', { operator, ...(argument ? { argument } : {}), status: 400 });
}
