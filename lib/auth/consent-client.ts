import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { forbidden, unauthenticated, upstreamUnavailable } from '../errors/index.js';
import { createUpstreamClient, parseUpstreamJson, type UpstreamClient } from '../http/index.js';
import { isWorkerId } from './claims.js';
import { IDENTITY_OPERATOR } from './verifier.js';

export interface ConsentClientOptions {
  /** The issuer base URL (`AUTH_ISSUER`); the lookup is `GET ${issuer}/consents/me?worker_id=…`. */
  issuer: string;
  /** An existing client for the issuer; otherwise one is built (and closed by `close()`). */
  http?: UpstreamClient;
  /** Tests inject an undici MockAgent here. */
  dispatcher?: Dispatcher;
}

export interface ConsentClient {
  /**
   * The scopes `workerId` granted to the partner that holds `partnerAuthorizationHeader`
   * (`Bearer <token>`, forwarded as is: the issuer learns who the partner is from its own token).
   * Never cached across requests, so a revocation applies to the very next request; callers
   * dedupe within one request with a DataLoader.
   */
  scopesGranted(workerId: string, partnerAuthorizationHeader: string): Promise<Set<string>>;
  close(): Promise<void>;
}

export const consentResponseSchema = z.object({
  workerId: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
});
export type ConsentResponse = z.infer<typeof consentResponseSchema>;

/** Goes through lib/http (pool, timeouts, retries on this idempotent GET, breaker) but never through a cache. */
export function createConsentClient(options: ConsentClientOptions): ConsentClient {
  const http =
    options.http ??
    createUpstreamClient({
      operator: IDENTITY_OPERATOR,
      baseUrl: options.issuer.replace(/\/$/, ''),
      headersTimeoutMs: 3_000,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });

  return {
    async scopesGranted(workerId, partnerAuthorizationHeader) {
      // An id that cannot exist cannot have granted anything: fail closed without a call.
      if (!isWorkerId(workerId)) return new Set();
      const request = {
        method: 'GET',
        path: '/consents/me',
        query: { worker_id: workerId },
        headers: { authorization: partnerAuthorizationHeader, accept: 'application/json' },
      } as const;
      // Decoded inside lib/http's breaker: a garbage consent answer counts against the identity service.
      return await http.call(request, (response) => {
        if (response.status === 401) throw unauthenticated();
        if (response.status === 403) throw forbidden();
        if (response.status !== 200) throw upstreamUnavailable(IDENTITY_OPERATOR, { status: response.status });
        const consent = parseUpstreamJson(response, consentResponseSchema, IDENTITY_OPERATOR, { operation: 'consents' });
        // An answer about another worker would grant the wrong person's consent: refuse it.
        if (consent.workerId !== workerId) throw upstreamUnavailable(IDENTITY_OPERATOR, { cause: { reason: 'CONSENT_FOR_ANOTHER_WORKER' } });
        return new Set(consent.scopes);
      });
    },
    close: async () => {
      if (options.http === undefined) await http.close();
    },
  };
}
