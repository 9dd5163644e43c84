import { accessError, decidePersonalAccess, needsConsentLookup, Scope, type AuditLog, type Principal } from '../../../../lib/auth/index.js';

/**
 * The one place that decides whether this request may read a worker's France Travail data:
 * the worker themself, or a partner holding `jobseeker:read` whom the worker granted it. Every
 * decision, allowed or not, is written to the audit log (fields, never values). Call it before
 * any personal-data upstream call; a denial throws the client-facing AppError.
 */
export interface JobSeekerAccess {
  assertCanRead(workerId: string, field: string): Promise<void>;
}

export interface JobSeekerAccessDeps {
  principal: Principal;
  /** Scopes `workerId` granted to the calling partner (per-request loader over the consent client). */
  consentScopes: (workerId: string) => Promise<ReadonlySet<string>>;
  audit: AuditLog;
  requestId?: string;
}

export function createJobSeekerAccess({ principal, consentScopes, audit, requestId }: JobSeekerAccessDeps): JobSeekerAccess {
  const scope = Scope.JOBSEEKER_READ;
  return {
    async assertCanRead(workerId, field) {
      const consent = needsConsentLookup(principal, scope) ? await consentScopes(workerId) : undefined;
      const decision = decidePersonalAccess({ principal, workerId, scope, consentScopes: consent });
      await audit.append({ principal, workerId, fields: [field], decision, ...(requestId ? { requestId } : {}) });
      if (!decision.allowed) throw accessError(decision, scope);
    },
  };
}
