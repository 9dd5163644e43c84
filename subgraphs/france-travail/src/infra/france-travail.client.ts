import { AppError, ErrorCode, upstreamUnavailable } from '../../../../lib/errors/index.js';
import type { UpstreamClient, UpstreamRequest, UpstreamResponse } from '../../../../lib/http/index.js';
import { createLogger } from '../../../../lib/logging/index.js';

const log = createLogger('france-travail.client');

export interface FranceTravailClient {
  /**
   * Sends one API request and decodes the answer, both inside lib/http's breaker (the client
   * carries the bearer token, its refresh on 401 and France Travail's quota gate). `decode` sees
   * 2xx, 400 and 404 answers; any other status is the operator failing (UPSTREAM_UNAVAILABLE,
   * counted by the breaker); 429 is already RATE_LIMITED from lib/http.
   */
  send<T>(request: UpstreamRequest, decode: (response: UpstreamResponse) => T): Promise<T>;
}

export interface FranceTravailClientOptions {
  /** lib/http client on FT_API_URL, created with the token provider and the rate gate. */
  api: UpstreamClient;
}

export function createFranceTravailClient({ api }: FranceTravailClientOptions): FranceTravailClient {
  const operator = api.operator;
  return {
    async send(request, decode) {
      return await api.call({ ...request, headers: { accept: 'application/json', ...request.headers } }, (response) => {
        const { status } = response;
        if ((status >= 200 && status < 300) || status === 400 || status === 404) return decode(response);
        log.debug({ operator, status, path: request.path }, 'France Travail answered an error status');
        throw upstreamUnavailable(operator, { status });
      });
    },
  };
}

/** An upstream 400 after our own validation means a parameter slipped through: the caller's input, described generically. */
export function rejectedByUpstream(operator: string, argument?: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, 'The data provider rejected the search parameters.', { operator, ...(argument ? { argument } : {}), status: 400 });
}
