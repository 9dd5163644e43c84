import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CDC_ROUTES } from '../testing/simulator.fixture.js';
import { startCdcHarness, type CdcHarness } from '../testing/subgraph.fixture.js';

let harness: CdcHarness;
const cdcCalls = async () => {
  const calls = await harness.simulator.calls();
  return (calls[CDC_ROUTES.one] ?? 0) + (calls[CDC_ROUTES.batch] ?? 0) + (calls[CDC_ROUTES.movements] ?? 0);
};

const DASHBOARD = /* GraphQL */ `
  query {
    me {
      id
      activityAccount {
        cpf { balance { cents currency } ceiling { cents } yearlyCredit { cents } regime movements(first: 2) { totalCount edges { node { kind amount { cents } } } pageInfo { hasNextPage } } }
        prevention { pointsAcquired pointsAvailable pointsReservedForTraining pointValue { cents } trainingValue { cents } exposures }
        civicEngagement { acquired { cents } ceiling { cents } activities { year kind credited { cents } } }
        totalTrainingRights { cents }
      }
    }
  }`;

beforeAll(async () => {
  harness = await startCdcHarness();
  harness.consents.set('acme', new Map([['W000001', ['cpf:read']], ['W000002', ['cpf:read']], ['W000003', ['cpf:read']]]));
});
afterAll(async () => {
  await harness.close();
});
beforeEach(async () => {
  await harness.simulator.reset();
  harness.audit.length = 0;
});

describe('me', () => {
  it('serves the dashboard of a worker at the 5,000 € ceiling from one rights read', async () => {
    const answer = await harness.query(DASHBOARD, {}, 'worker:W000001');
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.['me']).toMatchObject({
      id: 'W000001',
      activityAccount: {
        cpf: { balance: { cents: 500_000, currency: 'EUR' }, ceiling: { cents: 500_000 }, yearlyCredit: { cents: 50_000 }, regime: 'STANDARD', movements: { totalCount: 7, pageInfo: { hasNextPage: true } } },
        prevention: null,
        civicEngagement: null,
        totalTrainingRights: { cents: 500_000 },
      },
    });
    const calls = await harness.simulator.calls();
    expect(calls[CDC_ROUTES.one]).toBe(1);
    expect(calls[CDC_ROUTES.movements]).toBe(1);
  });

  it('counts every available C2P point at its training value: W000003 has 30,700 € of training rights', async () => {
    const answer = await harness.query(DASHBOARD, {}, 'worker:W000003');
    expect(answer.data?.['me']).toMatchObject({
      activityAccount: {
        prevention: { pointsAcquired: 56, pointsAvailable: 56, pointsReservedForTraining: 20, pointValue: { cents: 50_000 }, trainingValue: { cents: 2_800_000 }, exposures: ['NIGHT_WORK', 'ALTERNATING_TEAMS'] },
        totalTrainingRights: { cents: 3_070_000 },
      },
    });
  });

  it('shows CEC activities within the 720 € ceiling', async () => {
    const answer = await harness.query(DASHBOARD, {}, 'worker:W000004');
    expect(answer.data?.['me']).toMatchObject({ activityAccount: { civicEngagement: { acquired: { cents: 72_000 }, ceiling: { cents: 72_000 } } } });
  });

  it('is null with UNAUTHENTICATED for anonymous callers and FORBIDDEN for partners, with no CDC call', async () => {
    const anonymous = await harness.query('{ me { id } }');
    expect(anonymous.data?.['me']).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const partner = await harness.query('{ me { id } }', {}, 'partner:acme:cpf:read');
    expect(partner.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const noScope = await harness.query('{ me { id } }', {}, 'worker-noscope:W000001');
    expect(noScope.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await cdcCalls()).toBe(0);
  });

  it('projects the CPF year by year, and refuses bad periods before any upstream call', async () => {
    const query = `query($activity: [ActivityPeriodInput!]!) { me { activityAccount { cpf { projection(activity: $activity) { year credit { cents } credited { cents } balance { cents } ceilingReached } } } } }`;
    const ok = await harness.query(query, { activity: [{ start: '2026-01-01', end: '2027-12-31', kind: 'FULL_TIME' }] }, 'worker:W000002');
    expect(ok.data?.['me']).toEqual({
      activityAccount: { cpf: { projection: [
        { year: 2026, credit: { cents: 80_000 }, credited: { cents: 15_000 }, balance: { cents: 800_000 }, ceilingReached: true },
        { year: 2027, credit: { cents: 80_000 }, credited: { cents: 0 }, balance: { cents: 800_000 }, ceilingReached: true },
      ] } },
    });
    await harness.simulator.reset();
    const bad = await harness.query(query, { activity: [{ start: '2027-01-01', end: '2027-12-31', kind: 'PART_TIME', workingTimeRatio: 1.5 }] }, 'worker:W000002');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'activity[0].workingTimeRatio' });
    expect(await cdcCalls()).toBe(0);
  });

  it('projects the #11 accrual cases through the graph, year by year (hours vs 1,607 h, independents pro rata, mixed year, ESAT, corrective top-up)', async () => {
    const query = `query($activity: [ActivityPeriodInput!]!, $topUps: [Int!]) { me { activityAccount { cpf { projection(activity: $activity, correctiveTopUpYears: $topUps) { year credit { cents } topUp { cents } balance { cents } } } } } }`;
    const activity = [
      { start: '2027-01-01', end: '2027-06-30', kind: 'FULL_TIME' },
      { start: '2028-06-01', end: '2028-12-31', kind: 'INDEPENDENT' },
      { start: '2029-01-01', end: '2029-04-30', kind: 'FULL_TIME' },
      { start: '2029-06-01', end: '2029-08-31', kind: 'INDEPENDENT' },
      { start: '2030-03-01', end: '2030-04-30', kind: 'ESAT' },
    ];
    const answer = await harness.query(query, { activity, topUps: [2030] }, 'worker:W000009');
    expect(answer.errors).toBeUndefined();
    const rows = (answer.data?.['me'] as { activityAccount: { cpf: { projection: { year: number; credit: { cents: number }; topUp: { cents: number }; balance: { cents: number } }[] } } }).activityAccount.cpf.projection;
    expect(rows.map((row) => [row.year, row.credit.cents, row.topUp.cents, row.balance.cents])).toEqual([
      [2027, 50_000, 0, 150_000], // full time January–June: half of 1,607 h, the full 500 €
      [2028, 29_167, 0, 179_167], // self-employed 7 months: 291.67 €
      [2029, 29_167, 0, 208_334], // 4 months employee (166.67 €) + 3 months self-employed (125 €), separate bases
      [2030, 80_000, 300_000, 588_334], // ESAT admission: 800 €; corrective top-up beyond the ceiling
    ]);
  });

  it('refuses a page size above 100 before any upstream call', async () => {
    const bad = await harness.query('{ me { activityAccount { cpf { movements(first: 500) { totalCount } } } } }', {}, 'worker:W000001');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(await cdcCalls()).toBe(0);
  });
});

describe('home commune and C2P reservation from the CDC record (#11)', () => {
  it('exposes the worker\'s home commune to the worker and to a consenting cpf:read partner, audited as home', async () => {
    const own = await harness.query('{ me { home { label communeCode postalCode departmentCode latitude } } }', {}, 'worker:W000001');
    expect(own).toEqual({ data: { me: { home: { label: 'Lyon', communeCode: '69123', postalCode: '69001', departmentCode: '69', latitude: null } } } });
    const partner = await harness.query('{ worker(id: "W000003") { home { communeCode departmentCode } } }', {}, 'partner:acme:cpf:read');
    expect(partner).toEqual({ data: { worker: { home: { communeCode: '13055', departmentCode: '13' } } } });
    expect(harness.audit.map((event) => event.fields)).toEqual([['home.label', 'home.communeCode', 'home.postalCode', 'home.departmentCode', 'home.latitude'], ['home.communeCode', 'home.departmentCode']]);
  });

  it('refuses the home commune to a jobseeker:read-only partner and without consent, before any CDC call', async () => {
    harness.consents.set('jobs', new Map([['W000005', ['jobseeker:read']]]));
    const scopeOnly = await harness.query('{ worker(id: "W000005") { home { communeCode } } }', {}, 'partner:jobs:jobseeker:read');
    expect(scopeOnly.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const noConsent = await harness.query('{ worker(id: "W000005") { home { communeCode } } }', {}, 'partner:acme:cpf:read');
    expect(noConsent.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await cdcCalls()).toBe(0);
  });

  it('reserves 10 C2P points, not 20, for a holder born in 1962 (R4163-13, birth date from the CDC record)', async () => {
    // W000357: born 1962-01-04, 28 points acquired, none used.
    const answer = await harness.query('{ me { activityAccount { prevention { pointsAcquired pointsAvailable pointsReservedForTraining } } } }', {}, 'worker:W000357');
    expect(answer.data?.['me']).toEqual({ activityAccount: { prevention: { pointsAcquired: 28, pointsAvailable: 28, pointsReservedForTraining: 10 } } });
    // W001089: born 1962, 10 points already spent on training: nothing reserved is left.
    const spent = await harness.query('{ me { activityAccount { prevention { pointsAvailable pointsReservedForTraining } } } }', {}, 'worker:W001089');
    expect(spent.data?.['me']).toEqual({ activityAccount: { prevention: { pointsAvailable: 46, pointsReservedForTraining: 0 } } });
  });
});

describe('worker(id)', () => {
  it('lets a worker read themself, and refuses another worker without any call carrying that id', async () => {
    const own = await harness.query('{ worker(id: "W000009") { activityAccount { cpf { balance { cents } } } } }', {}, 'worker:W000009');
    expect(own.data?.['worker']).toEqual({ activityAccount: { cpf: { balance: { cents: 100_000 } } } });
    await harness.simulator.reset();
    const other = await harness.query('{ worker(id: "W000001") { activityAccount { cpf { balance { cents } } } } }', {}, 'worker:W000009');
    expect(other.data?.['worker']).toBeNull();
    expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await cdcCalls()).toBe(0);
  });

  it('lets a partner with cpf:read and consent read; refuses without consent or without the scope', async () => {
    const allowed = await harness.query('{ worker(id: "W000002") { activityAccount { cpf { regime } } } }', {}, 'partner:acme:cpf:read');
    expect(allowed.data?.['worker']).toEqual({ activityAccount: { cpf: { regime: 'LOW_QUALIFICATION' } } });
    await harness.simulator.reset();
    const noConsent = await harness.query('{ worker(id: "W000005") { id } }', {}, 'partner:acme:cpf:read');
    expect(noConsent.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const noScope = await harness.query('{ worker(id: "W000002") { id } }', {}, 'partner:acme:jobseeker:read');
    expect(noScope.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const anonymous = await harness.query('{ worker(id: "W000002") { id } }');
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await cdcCalls()).toBe(0);
  });

  it('reads several consented workers asked through aliases with one batch call', async () => {
    const answer = await harness.query(
      '{ a: worker(id: "W000001") { activityAccount { cpf { balance { cents } } } } b: worker(id: "W000002") { activityAccount { cpf { balance { cents } } } } c: worker(id: "W000003") { activityAccount { cpf { balance { cents } } } } }',
      {},
      'partner:acme:cpf:read',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      a: { activityAccount: { cpf: { balance: { cents: 500_000 } } } },
      b: { activityAccount: { cpf: { balance: { cents: 785_000 } } } },
      c: { activityAccount: { cpf: { balance: { cents: 270_000 } } } },
    });
    const calls = await harness.simulator.calls();
    expect(calls[CDC_ROUTES.batch]).toBe(1);
    expect(calls[CDC_ROUTES.one]).toBeUndefined();
  });

  it('an unknown well-formed id is null without error; a malformed id is BAD_USER_INPUT', async () => {
    const unknown = await harness.query('{ worker(id: "W999999") { id } }', {}, 'worker:W999999');
    expect(unknown).toEqual({ data: { worker: null } });
    const malformed = await harness.query('{ worker(id: "../W000001") { id } }', {}, 'partner:acme:cpf:read');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('`me` is the calling worker even when the CDC holds no account: activityAccount null with NOT_FOUND (france-travail answers `me` alike)', async () => {
    const answer = await harness.query('{ me { id activityAccount { cpf { balance { cents } } } } }', {}, 'worker:W999999');
    expect(answer.data).toEqual({ me: { id: 'W999999', activityAccount: null } });
    expect(answer.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['me', 'activityAccount'], 'NOT_FOUND']]);
  });

  it('audits every personal read and denial with the fields asked, never the values', async () => {
    await harness.query('{ worker(id: "W000002") { activityAccount { cpf { balance { cents } regime } } } }', {}, 'partner:acme:cpf:read');
    await harness.query('{ worker(id: "W000005") { activityAccount { cpf { balance { cents } } } } }', {}, 'partner:acme:cpf:read');
    expect(harness.audit.map((event) => ({ workerId: event.workerId, fields: event.fields, allowed: event.decision.allowed, reason: event.decision.reason }))).toEqual([
      { workerId: 'W000002', fields: ['activityAccount.cpf.balance', 'activityAccount.cpf.regime'], allowed: true, reason: 'CONSENT' },
      { workerId: 'W000005', fields: ['activityAccount.cpf.balance'], allowed: false, reason: 'NO_CONSENT' },
    ]);
  });

  it('each personal field demands only its own scope: jobseeker:read alone reaches worker(id) for job-seeker fields, with no CPF read', async () => {
    harness.consents.set('jobs', new Map([['W000005', ['jobseeker:read']]]));
    const allowed = await harness.query('{ worker(id: "W000005") { id } }', {}, 'partner:jobs:jobseeker:read');
    expect(allowed).toEqual({ data: { worker: { id: 'W000005' } } });
    expect(await cdcCalls()).toBe(0);
    const cpf = await harness.query('{ worker(id: "W000005") { activityAccount { cpf { balance { cents } } } } }', {}, 'partner:jobs:jobseeker:read');
    expect(cpf.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const noConsent = await harness.query('{ worker(id: "W000001") { id } }', {}, 'partner:jobs:jobseeker:read');
    expect(noConsent.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await cdcCalls()).toBe(0);
  });

  it('audits totalTrainingRights and every other Money field read', async () => {
    await harness.query('{ worker(id: "W000003") { activityAccount { totalTrainingRights { cents } cpf { balance { cents } } } } }', {}, 'partner:acme:cpf:read');
    expect(harness.audit.map((event) => event.fields)).toEqual([['activityAccount.totalTrainingRights', 'activityAccount.cpf.balance']]);
  });

  it('explains the computed amounts of the account', async () => {
    const answer = await harness.query('{ me { activityAccount { totalTrainingRights { cents explanation { ruleId rule legalBasis { article url } effectiveFrom inputs { name value } } } prevention { pointValue { explanation { effectiveFrom confirmed } } } cpf { ceiling { explanation { ruleId } } } } } }', {}, 'worker:W000003');
    expect(answer.errors).toBeUndefined();
    const account = (answer.data?.['me'] as { activityAccount: Record<string, any> }).activityAccount;
    expect(account['totalTrainingRights']).toMatchObject({ cents: 3_070_000, explanation: { ruleId: 'rights.total-training', effectiveFrom: '2023-09-01' } });
    expect(account['totalTrainingRights'].explanation.inputs).toContainEqual({ name: 'pointsAvailable', value: '56' });
    expect(account['prevention'].pointValue.explanation).toEqual({ effectiveFrom: '2023-09-01', confirmed: false });
    expect(account['cpf'].ceiling.explanation.ruleId).toBe('cpf.ceiling');
  });

  it('guards Worker entities like worker(id)', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { activityAccount { cpf { balance { cents } } } } } }';
    const denied = await harness.query(query, { r: [{ __typename: 'Worker', id: 'W000001' }] }, 'worker:W000009');
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const own = await harness.query(query, { r: [{ __typename: 'Worker', id: 'W000009' }] }, 'worker:W000009');
    expect(own.data).toEqual({ _entities: [{ activityAccount: { cpf: { balance: { cents: 100_000 } } } }] });
  });
});
