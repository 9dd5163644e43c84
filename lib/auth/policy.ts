import { AppError, forbidden, unauthenticated } from '../errors/index.js';
import { DASHBOARD_SCOPE, type Principal } from './principal.js';

/**
 * Why personal data may or may not be read:
 * - SELF: a worker reading their own data with a token carrying the scope.
 * - CONSENT: a partner whose token carries the scope and whom the worker granted that scope.
 * - NO_TOKEN: no principal was established at all (the service was reached without the auth
 *   step); fails closed as unauthenticated.
 * - ANONYMOUS: the request carried no token.
 * - OTHER_WORKER: a worker asking for someone else's data.
 * - MISSING_SCOPE: the token does not carry the scope this data needs.
 * - NO_CONSENT: the worker has not granted this partner the scope (or consent was not looked up).
 * - DASHBOARD: the token carries the `dashboard` scope, which reads public and aggregated data only.
 */
export type AccessReason = 'SELF' | 'CONSENT' | 'NO_TOKEN' | 'OTHER_WORKER' | 'MISSING_SCOPE' | 'NO_CONSENT' | 'ANONYMOUS' | 'DASHBOARD';

export interface AccessDecision {
  allowed: boolean;
  reason: AccessReason;
}

export interface PersonalAccessRequest {
  principal: Principal | undefined;
  /** The worker whose data is asked for. */
  workerId: string;
  /** The scope guarding this data, e.g. `cpf:read`. */
  scope: string;
  /** What the worker granted this partner (from the consent lookup); ignored for workers. */
  consentScopes?: ReadonlySet<string> | readonly string[] | undefined;
}

const allow = (reason: AccessReason): AccessDecision => ({ allowed: true, reason });
const deny = (reason: AccessReason): AccessDecision => ({ allowed: false, reason });

const includes = (scopes: ReadonlySet<string> | readonly string[] | undefined, scope: string): boolean =>
  scopes !== undefined && ('has' in scopes ? scopes.has(scope) : scopes.includes(scope));

/** The one access decision for personal data, shared by every subgraph. Pure. */
export function decidePersonalAccess({ principal, workerId, scope, consentScopes }: PersonalAccessRequest): AccessDecision {
  if (principal === undefined) return deny('NO_TOKEN');
  if (principal.kind !== 'anonymous' && principal.scopes.includes(DASHBOARD_SCOPE)) return deny('DASHBOARD');
  switch (principal.kind) {
    case 'anonymous':
      return deny('ANONYMOUS');
    case 'worker':
      if (principal.workerId !== workerId) return deny('OTHER_WORKER');
      return principal.scopes.includes(scope) ? allow('SELF') : deny('MISSING_SCOPE');
    case 'partner':
      if (!principal.scopes.includes(scope)) return deny('MISSING_SCOPE');
      return includes(consentScopes, scope) ? allow('CONSENT') : deny('NO_CONSENT');
  }
}

/**
 * True when the decision depends on the worker's consent, i.e. the caller should look it up
 * (through its per-request loader) before deciding. Avoids a consent call for everyone else.
 */
export function needsConsentLookup(principal: Principal | undefined, scope: string): boolean {
  return principal?.kind === 'partner' && principal.scopes.includes(scope) && !principal.scopes.includes(DASHBOARD_SCOPE);
}

/** The client-facing error for a denied decision: UNAUTHENTICATED without a token, FORBIDDEN otherwise. */
export function accessError(decision: AccessDecision, scope: string): AppError {
  switch (decision.reason) {
    case 'NO_TOKEN':
    case 'ANONYMOUS':
      return unauthenticated();
    case 'MISSING_SCOPE':
      return forbidden(`This token does not carry the "${scope}" scope.`);
    case 'NO_CONSENT':
      return forbidden('The worker has not granted this client access to this data.');
    case 'DASHBOARD':
      return forbidden('A dashboard token reads public and aggregated data only.');
    default:
      return forbidden();
  }
}

/** Decides and throws the right AppError when access is denied; returns the (allowed) decision for the audit log. */
export function assertPersonalAccess(request: PersonalAccessRequest): AccessDecision {
  const decision = decidePersonalAccess(request);
  if (!decision.allowed) throw accessError(decision, request.scope);
  return decision;
}

/**
 * Who `me` is — the one rule for the shared root field, so every subgraph resolving it answers
 * the same (the gateway merges their answers, and an object from one beside null from the other
 * would depend on which arrived last). The calling worker's id, when the token is a worker's
 * carrying `scope` (`cpf:read`, which `me` has always needed); otherwise the decision and its
 * client-facing error: UNAUTHENTICATED without a token, FORBIDDEN for a partner or a worker token
 * without the scope. Pure; the caller audits.
 */
export type SelfDecision = { ok: true; workerId: string; decision: AccessDecision } | { ok: false; error: AppError; decision?: AccessDecision };

export function decideSelf(principal: Principal | undefined, scope: string): SelfDecision {
  if (principal === undefined || principal.kind === 'anonymous') return { ok: false, error: unauthenticated() };
  if (principal.kind !== 'worker') return { ok: false, error: forbidden('`me` needs a worker token; partners use `worker(id)`.') };
  const decision = decidePersonalAccess({ principal, workerId: principal.workerId, scope });
  return decision.allowed ? { ok: true, workerId: principal.workerId, decision } : { ok: false, error: accessError(decision, scope), decision };
}
