import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { accessError, assertPersonalAccess, decidePersonalAccess, needsConsentLookup, type AccessReason, type PersonalAccessRequest } from './policy.js';
import { ANONYMOUS, DASHBOARD_SCOPE, Scope, type Principal } from './principal.js';

const worker = (workerId: string, scopes: string[] = [Scope.CPF_READ, Scope.JOBSEEKER_READ]): Principal => ({ kind: 'worker', workerId, scopes });
const partner = (scopes: string[]): Principal => ({ kind: 'partner', clientId: 'demo-counsellor', scopes });

type Row = [string, Omit<PersonalAccessRequest, 'workerId' | 'scope'>, boolean, AccessReason];

const TABLE: Row[] = [
  ['no principal at all', { principal: undefined }, false, 'NO_TOKEN'],
  ['anonymous', { principal: ANONYMOUS }, false, 'ANONYMOUS'],
  ['anonymous, even with consent scopes passed', { principal: ANONYMOUS, consentScopes: [Scope.CPF_READ] }, false, 'ANONYMOUS'],
  ['the worker themself', { principal: worker('W000001') }, true, 'SELF'],
  ['the worker with a token narrowed to another scope', { principal: worker('W000001', [Scope.JOBSEEKER_READ]) }, false, 'MISSING_SCOPE'],
  ['another worker', { principal: worker('W000002') }, false, 'OTHER_WORKER'],
  ['another worker, consent scopes do not apply to workers', { principal: worker('W000002'), consentScopes: [Scope.CPF_READ] }, false, 'OTHER_WORKER'],
  ['a partner with scope and consent (Set)', { principal: partner([Scope.CPF_READ]), consentScopes: new Set([Scope.CPF_READ]) }, true, 'CONSENT'],
  ['a partner with scope and consent (array)', { principal: partner([Scope.CPF_READ]), consentScopes: [Scope.CPF_READ] }, true, 'CONSENT'],
  ['a partner with consent but no scope in its token', { principal: partner([Scope.JOBSEEKER_READ]), consentScopes: [Scope.CPF_READ] }, false, 'MISSING_SCOPE'],
  ['a partner with scope, consent for another scope', { principal: partner([Scope.CPF_READ]), consentScopes: [Scope.JOBSEEKER_READ] }, false, 'NO_CONSENT'],
  ['a partner with scope, consent revoked', { principal: partner([Scope.CPF_READ]), consentScopes: new Set() }, false, 'NO_CONSENT'],
  ['a partner with scope, consent not looked up', { principal: partner([Scope.CPF_READ]) }, false, 'NO_CONSENT'],
  ['a partner without any scope', { principal: partner([]), consentScopes: [Scope.CPF_READ] }, false, 'MISSING_SCOPE'],
  ['a dashboard token', { principal: partner([DASHBOARD_SCOPE]), consentScopes: [Scope.CPF_READ] }, false, 'DASHBOARD'],
  ['a dashboard token that also carries the personal scope, with consent', { principal: partner([DASHBOARD_SCOPE, Scope.CPF_READ]), consentScopes: [Scope.CPF_READ] }, false, 'DASHBOARD'],
  ['a worker token carrying the dashboard scope', { principal: worker('W000001', [Scope.CPF_READ, DASHBOARD_SCOPE]) }, false, 'DASHBOARD'],
];

describe('decidePersonalAccess (reading W000001 cpf:read)', () => {
  it.each(TABLE)('%s', (_case, request, allowed, reason) => {
    expect(decidePersonalAccess({ ...request, workerId: 'W000001', scope: Scope.CPF_READ })).toEqual({ allowed, reason });
  });
});

describe('assertPersonalAccess', () => {
  const codeOf = (request: PersonalAccessRequest): string | undefined => {
    try {
      assertPersonalAccess(request);
      return undefined;
    } catch (error) {
      return error instanceof AppError ? error.code : 'not an AppError';
    }
  };

  it.each(TABLE)('%s', (_case, request, allowed, reason) => {
    const code = codeOf({ ...request, workerId: 'W000001', scope: Scope.CPF_READ });
    const expected = allowed ? undefined : reason === 'NO_TOKEN' || reason === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    expect(code).toBe(expected);
  });

  it('returns the decision when allowed, for the audit log', () => {
    expect(assertPersonalAccess({ principal: worker('W000001'), workerId: 'W000001', scope: Scope.CPF_READ })).toEqual({ allowed: true, reason: 'SELF' });
  });

  it('names the missing scope but nothing about the worker', () => {
    const error = accessError({ allowed: false, reason: 'MISSING_SCOPE' }, Scope.CPF_READ);
    expect(error.message).toContain('cpf:read');
    expect(error.message).not.toContain('W000001');
  });
});

describe('needsConsentLookup', () => {
  it.each([
    [undefined, false],
    [ANONYMOUS, false],
    [worker('W000001'), false],
    [partner([]), false],
    [partner([Scope.JOBSEEKER_READ]), false],
    [partner([Scope.CPF_READ]), true],
    [partner([DASHBOARD_SCOPE, Scope.CPF_READ]), false],
  ] as [Principal | undefined, boolean][])('%j → %s', (principal, expected) => {
    expect(needsConsentLookup(principal, Scope.CPF_READ)).toBe(expected);
  });
});
