import { isWorkerId } from '../../../../lib/auth/claims.js';
import { accessError, decidePersonalAccess, needsConsentLookup, type AccessDecision } from '../../../../lib/auth/policy.js';
import { Scope, type Principal } from '../../../../lib/auth/principal.js';
import type { AuditLog } from '../../../../lib/auth/audit.js';
import { badInput, forbidden, unauthenticated } from '../../../../lib/errors/index.js';

/**
 * Who may read whose CPF rights — every check of this subgraph, in one place:
 * - `me`: a worker token (with `cpf:read`); anyone else gets UNAUTHENTICATED (no token) or FORBIDDEN.
 * - `worker(id)` and `Worker` entities: the worker themself, or a partner with `cpf:read` whom
 *   that worker granted `cpf:read` (consent looked up at the issuer, never cached across requests).
 * - `Training.funding`: the calling worker's own rights only. Anonymous callers and partners get
 *   null without an error: a funding plan is a worker's own view of a purchase, and a partner
 *   reads a worker's rights through `worker(id)`, where consent applies.
 * Every decision about a worker's data, allowed or denied, is appended to the audit log with the
 * fields asked for. Rights are read only after `allowed`, so no upstream call carries the id of
 * someone the caller may not read.
 */
export interface AccessPolicy {
  /** The worker behind `me`; throws UNAUTHENTICATED / FORBIDDEN otherwise. */
  requireSelf(fields: readonly string[]): Promise<string>;
  /** Checks `worker(id)` (validated id); throws the access error when denied. */
  requireWorker(workerId: string, fields: readonly string[], argument?: string): Promise<void>;
  /** The worker whose rights fund a plan, or undefined (null plan, no error) for anyone else. */
  fundingOwner(fields: readonly string[]): Promise<string | undefined>;
}

export interface AccessPolicyDeps {
  principal: Principal;
  /** Scopes `workerId` granted the calling partner (a per-request loader over the consent client). */
  consentScopes: (workerId: string) => Promise<ReadonlySet<string>>;
  audit: Pick<AuditLog, 'append'>;
  requestId: string;
}

export function createAccessPolicy(deps: AccessPolicyDeps): AccessPolicy {
  const { principal } = deps;
  const decisions = new Map<string, Promise<AccessDecision>>();
  let funding: Promise<string | undefined> | undefined;

  function decide(workerId: string): Promise<AccessDecision> {
    let decision = decisions.get(workerId);
    if (decision === undefined) {
      decision = (async () => {
        const consentScopes = needsConsentLookup(principal, Scope.CPF_READ) ? await deps.consentScopes(workerId) : undefined;
        return decidePersonalAccess({ principal, workerId, scope: Scope.CPF_READ, consentScopes });
      })();
      decisions.set(workerId, decision);
    }
    return decision;
  }

  async function audited(workerId: string, fields: readonly string[]): Promise<AccessDecision> {
    const decision = await decide(workerId);
    await deps.audit.append({ principal, workerId, fields, decision, requestId: deps.requestId });
    return decision;
  }

  return {
    async requireSelf(fields) {
      if (principal.kind === 'anonymous') throw unauthenticated();
      if (principal.kind !== 'worker') throw forbidden('`me` needs a worker token; partners use `worker(id)`.');
      const decision = await audited(principal.workerId, fields);
      if (!decision.allowed) throw accessError(decision, Scope.CPF_READ);
      return principal.workerId;
    },

    async requireWorker(workerId, fields, argument = 'id') {
      if (!isWorkerId(workerId)) throw badInput(argument, `${argument} is not a worker id.`);
      // Anonymous attempts on a named worker are audited too; accessError answers them UNAUTHENTICATED.
      const decision = await audited(workerId, fields);
      if (!decision.allowed) throw accessError(decision, Scope.CPF_READ);
    },

    async fundingOwner(fields) {
      if (principal.kind !== 'worker') return undefined;
      const { workerId } = principal;
      // Fifty plans in one response are one read of the caller's rights: audited once.
      funding ??= audited(workerId, fields).then((decision) => (decision.allowed ? workerId : undefined));
      return await funding;
    },
  };
}
