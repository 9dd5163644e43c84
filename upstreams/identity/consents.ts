import { Scope } from '../../lib/auth/principal.js';

export interface ConsentGrant {
  workerId: string;
  clientId: string;
  scopes: string[];
}

/** Demo consents present at start (documented in README.md). */
export const SEEDED_CONSENTS: readonly ConsentGrant[] = [
  ...['W000001', 'W000002', 'W000003', 'W000004', 'W000005'].map((workerId) => ({
    workerId,
    clientId: 'demo-counsellor',
    scopes: [Scope.CPF_READ, Scope.JOBSEEKER_READ],
  })),
  { workerId: 'W000005', clientId: 'demo-jobboard', scopes: [Scope.JOBSEEKER_READ] },
  { workerId: 'W000006', clientId: 'demo-jobboard', scopes: [Scope.JOBSEEKER_READ] },
];

/**
 * Who granted what to whom, in memory, per simulator instance. Read on every lookup (no cache),
 * so a revocation is visible to the very next request.
 */
export class ConsentStore {
  /** workerId → clientId → scopes */
  private readonly grants = new Map<string, Map<string, Set<string>>>();

  constructor(seed: readonly ConsentGrant[] = SEEDED_CONSENTS) {
    for (const grant of seed) this.grant(grant.workerId, grant.clientId, grant.scopes);
  }

  scopes(workerId: string, clientId: string): string[] {
    return [...(this.grants.get(workerId)?.get(clientId) ?? [])].sort();
  }

  grant(workerId: string, clientId: string, scopes: readonly string[]): string[] {
    const byClient = this.grants.get(workerId) ?? new Map<string, Set<string>>();
    this.grants.set(workerId, byClient);
    const current = byClient.get(clientId) ?? new Set<string>();
    for (const scope of scopes) current.add(scope);
    byClient.set(clientId, current);
    return this.scopes(workerId, clientId);
  }

  /** Revokes the given scopes, or all of them when `scopes` is undefined. */
  revoke(workerId: string, clientId: string, scopes?: readonly string[]): string[] {
    const byClient = this.grants.get(workerId);
    const current = byClient?.get(clientId);
    if (!byClient || !current) return [];
    for (const scope of scopes ?? [...current]) current.delete(scope);
    if (current.size === 0) byClient.delete(clientId);
    return this.scopes(workerId, clientId);
  }

  all(): ConsentGrant[] {
    return [...this.grants].flatMap(([workerId, byClient]) =>
      [...byClient].map(([clientId, scopes]) => ({ workerId, clientId, scopes: [...scopes].sort() })),
    );
  }
}
