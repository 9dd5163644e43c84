import { isWorkerId } from '../../../../lib/auth/claims.js';
import { accessError, decidePersonalAccess, decideSelf, needsConsentLookup, type AccessDecision } from '../../../../lib/auth/policy.js';
import { Scope, type Principal } from '../../../../lib/auth/principal.js';
import type { AuditLog } from '../../../../lib/auth/audit.js';
import { badInput } from '../../../../lib/errors/index.js';

/**
 * Who may read whose CPF rights — every check of this subgraph, in one place:
 * - `me`: a worker token (with `cpf:read`); anyone else gets UNAUTHENTICATED (no token) or FORBIDDEN.
 * - `worker(id)` and `Worker` entities: the worker themself, or a partner with `cpf:read` whom
 *   that worker granted `cpf:read` (consent looked up at the issuer, never cached across requests).
 * - `Training.funding`: the calling worker's own rights; with `workerId`, that worker's rights under
 *   the same check as `worker(id)` (a consenting partner with `cpf:read` gets the plan a counsellor
 *   shows). Without `workerId`, anonymous callers and partners get null without an error.
 * Every decision about a worker's data, allowed or denied, is appended to the audit log with the
 * fields asked for. Rights are read only after `allowed`, so no upstream call carries the id of
 * someone the caller may not read.
 */
export interface AccessPolicy {
  /** The worker behind `me`; throws UNAUTHENTICATED / FORBIDDEN otherwise. */
  requireSelf(fields: readonly string[]): Promise<string>;
  /**
   * Checks `worker(id)` (validated id); throws the access error when denied. Returns the scope it
   * was granted under: `cpf:read` when this subgraph's fields (`activityAccount…`) are asked;
   * otherwise (only `id`, the other fields belonging to other subgraphs that guard them) the
   * caller's own personal scope, so a `jobseeker:read`-only partner reaches job-seeker fields.
   */
  requireWorker(workerId: string, fields: readonly string[], argument?: string): Promise<string>;
  /** The worker whose rights fund a plan, or undefined (null plan, no error) for anyone else. */
  fundingOwner(fields: readonly string[]): Promise<string | undefined>;
  /** `workerId` checked like `worker(id)` (throws when denied), or fundingOwner without it; audited once per worker per request. */
  fundingFor(workerId: string | undefined, fields: readonly string[]): Promise<string | undefined>;
}

export interface AccessPolicyDeps {
  principal: Principal;
  /** Scopes `workerId` granted the calling partner (a per-request loader over the consent client). */
  consentScopes: (workerId: string) => Promise<ReadonlySet<string>>;
  audit: Pick<AuditLog, 'append'>;
  requestId: string;
}

const OTHER_PERSONAL_SCOPES: readonly string[] = [Scope.JOBSEEKER_READ];

/** The scope a `worker(id)` selection needs here (see requireWorker). */
function scopeFor(principal: Principal, fields: readonly string[]): string {
  if (fields.some((field) => field !== 'id')) return Scope.CPF_READ;
  if (principal.kind === 'anonymous' || principal.scopes.includes(Scope.CPF_READ)) return Scope.CPF_READ;
  return OTHER_PERSONAL_SCOPES.find((scope) => principal.scopes.includes(scope)) ?? Scope.CPF_READ;
}

export function createAccessPolicy(deps: AccessPolicyDeps): AccessPolicy {
  const { principal } = deps;
  const decisions = new Map<string, Promise<AccessDecision>>();
  let funding: Promise<string | undefined> | undefined;
  const namedFunding = new Map<string, Promise<string>>();

  function decide(workerId: string, scope: string = Scope.CPF_READ): Promise<AccessDecision> {
    const key = `${scope}|${workerId}`;
    let decision = decisions.get(key);
    if (decision === undefined) {
      decision = (async () => {
        const consentScopes = needsConsentLookup(principal, scope) ? await deps.consentScopes(workerId) : undefined;
        return decidePersonalAccess({ principal, workerId, scope, consentScopes });
      })();
      decisions.set(key, decision);
    }
    return decision;
  }

  async function audited(workerId: string, fields: readonly string[], scope: string = Scope.CPF_READ): Promise<AccessDecision> {
    const decision = await decide(workerId, scope);
    await deps.audit.append({ principal, workerId, fields, decision, requestId: deps.requestId });
    return decision;
  }

  return {
    async requireSelf(fields) {
      // The rule france-travail's `me` applies too (lib/auth decideSelf); a worker's decision is audited.
      const self = decideSelf(principal, Scope.CPF_READ);
      if (principal.kind === 'worker' && self.decision) await deps.audit.append({ principal, workerId: principal.workerId, fields, decision: self.decision, requestId: deps.requestId });
      if (!self.ok) throw self.error;
      return self.workerId;
    },

    async requireWorker(workerId, fields, argument = 'id') {
      if (!isWorkerId(workerId)) throw badInput(argument, `${argument} is not a worker id.`);
      const scope = scopeFor(principal, fields);
      // Anonymous attempts on a named worker are audited too; accessError answers them UNAUTHENTICATED.
      const decision = await audited(workerId, fields, scope);
      if (!decision.allowed) throw accessError(decision, scope);
      return scope;
    },

    async fundingOwner(fields) {
      if (principal.kind !== 'worker') return undefined;
      const { workerId } = principal;
      // Fifty plans in one response are one read of the caller's rights: audited once.
      funding ??= audited(workerId, fields).then((decision) => (decision.allowed ? workerId : undefined));
      return await funding;
    },

    async fundingFor(workerId, fields) {
      if (workerId === undefined) return await this.fundingOwner(fields);
      let checked = namedFunding.get(workerId);
      if (checked === undefined) {
        checked = this.requireWorker(workerId, fields, 'workerId').then(() => workerId);
        namedFunding.set(workerId, checked);
      }
      return await checked;
    },
  };
}
