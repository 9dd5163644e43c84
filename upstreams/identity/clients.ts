import { createHash, timingSafeEqual } from 'node:crypto';
import { DASHBOARD_SCOPE, Scope } from '../../lib/auth/principal.js';

export interface DemoClient {
  clientId: string;
  /** Public demo secrets: this registry exists only in the development issuer. */
  secret: string;
  description: string;
  /** The most a token for this client may carry. */
  allowedScopes: readonly string[];
}

/** The partner clients of the development issuer (documented in upstreams/identity/README.md). */
export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    clientId: 'demo-counsellor',
    secret: 'demo-counsellor-secret',
    description: "A career counsellor's tool: reads CPF rights and job-seeker status of workers who consented.",
    allowedScopes: [Scope.CPF_READ, Scope.JOBSEEKER_READ],
  },
  {
    clientId: 'demo-jobboard',
    secret: 'demo-jobboard-secret',
    description: 'A job board: reads the job-seeker situation of workers who consented.',
    allowedScopes: [Scope.JOBSEEKER_READ],
  },
  {
    clientId: 'demo-dashboard',
    secret: 'demo-dashboard-secret',
    description: 'An internal dashboard: public and aggregated data only (the `dashboard` scope), no personal scope.',
    allowedScopes: [DASHBOARD_SCOPE],
  },
];

const byId = new Map(DEMO_CLIENTS.map((client) => [client.clientId, client]));

export const findClient = (clientId: string): DemoClient | undefined => byId.get(clientId);

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time secret check (digests first, so different lengths do not leak through timing). */
export function authenticateClient(clientId: string, secret: string): DemoClient | undefined {
  const client = byId.get(clientId);
  const expected = digest(client?.secret ?? 'no-such-client');
  const matches = timingSafeEqual(expected, digest(secret));
  return client && matches ? client : undefined;
}
