/**
 * Who is calling, as established from a verified token. Built in the gateway and, again,
 * in each subgraph from the forwarded token: no service trusts a header it cannot verify.
 */
export type Principal = AnonymousPrincipal | WorkerPrincipal | PartnerPrincipal;

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export interface WorkerPrincipal {
  kind: 'worker';
  /** The worker's id (`sub` of a FranceConnect-style login). */
  workerId: string;
  scopes: readonly string[];
}

export interface PartnerPrincipal {
  kind: 'partner';
  /** OAuth2 client id of the partner service. */
  clientId: string;
  scopes: readonly string[];
}

export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

/** Scopes a partner needs to read each kind of personal data (consent is checked on top). */
export const Scope = {
  CPF_READ: 'cpf:read',
  JOBSEEKER_READ: 'jobseeker:read',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/** Every scope that guards personal data (what a worker can consent to). */
export const PERSONAL_SCOPES: readonly Scope[] = Object.freeze(Object.values(Scope));

export const isPersonalScope = (value: string): value is Scope => (PERSONAL_SCOPES as readonly string[]).includes(value);

/**
 * The scope of internal dashboards: public and aggregated figures only. A token carrying it reads
 * no personal data whatever else it carries (lib/auth/policy.ts), and no consent is looked up for it.
 */
export const DASHBOARD_SCOPE = 'dashboard';
