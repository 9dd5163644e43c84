import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsTo, startFtTestStack, type FtTestStack } from '../testing/subgraph.fixture.js';

let stack: FtTestStack;
beforeAll(async () => {
  stack = await startFtTestStack();
});
afterAll(async () => stack.close());

const WORKER = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Worker { id jobSeeker { registered category registeredSince soughtOccupation { romeCode } benefits { kind dailyAmount { cents currency } endDate } } } } }`;
const worker = (id: string) => ({ representations: [{ __typename: 'Worker', id }] });
const STATUS = '/v3/france_travail/statut/identifiant';

describe('Worker.jobSeeker access (job-seekers subgraph)', () => {
  it('serves the worker their own status, audited', async () => {
    const token = await stack.simulator.workerToken('W000005');
    const answer = await stack.queryJobSeekers(WORKER, worker('W000005'), token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.['_entities']).toEqual([
      { id: 'W000005', jobSeeker: { registered: true, category: 'A', registeredSince: '2024-02-05', soughtOccupation: { romeCode: 'M1805' }, benefits: { kind: 'ARE', dailyAmount: { cents: 5843, currency: 'EUR' }, endDate: '2026-12-31' } } },
    ]);
    expect(stack.audit.at(-1)).toMatchObject({ decision: 'ALLOWED', reason: 'SELF', fields: ['jobSeeker'], principalKind: 'worker' });
  });

  it('a crafted representation of another worker: null + FORBIDDEN, no status call, a denial in the audit', async () => {
    const token = await stack.simulator.workerToken('W000001');
    await stack.resetCalls();
    const answer = await stack.queryJobSeekers(WORKER, worker('W000002'), token);
    expect(answer.data?.['_entities']).toEqual([{ id: 'W000002', jobSeeker: null }]);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(callsTo(await stack.calls(), STATUS)).toBe(0);
    expect(stack.audit.at(-1)).toMatchObject({ decision: 'DENIED', reason: 'OTHER_WORKER' });
  });

  it('a partner with jobseeker:read and the worker\'s consent reads it; without consent FORBIDDEN', async () => {
    const token = await stack.simulator.partnerToken('demo-counsellor', 'demo-counsellor-secret');
    const allowed = await stack.queryJobSeekers(WORKER, worker('W000005'), token);
    expect((allowed.data?.['_entities'] as { jobSeeker: { category: string } }[])[0]?.jobSeeker.category).toBe('A');
    expect(stack.audit.at(-1)).toMatchObject({ decision: 'ALLOWED', reason: 'CONSENT', clientId: 'demo-counsellor' });
    await stack.resetCalls();
    const refused = await stack.queryJobSeekers(WORKER, worker('W000007'), token);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(callsTo(await stack.calls(), STATUS)).toBe(0);
  });

  it('a partner without the scope, and an anonymous caller, are refused', async () => {
    const dashboard = await stack.simulator.partnerToken('demo-dashboard', 'demo-dashboard-secret');
    expect((await stack.queryJobSeekers(WORKER, worker('W000005'), dashboard)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await stack.queryJobSeekers(WORKER, worker('W000005'))).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('a registered-nowhere worker reads null without error; recommended offers are empty', async () => {
    const token = await stack.simulator.workerToken('W000001');
    const status = await stack.queryJobSeekers(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Worker { jobSeeker { registered } } } }`, worker('W000001'), token);
    expect(status).toEqual({ data: { _entities: [{ jobSeeker: null }] } });
    const offers = await stack.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Worker { recommendedJobOffers(first: 3) { totalCount } } } }`, worker('W000001'), token);
    expect(offers).toEqual({ data: { _entities: [{ recommendedJobOffers: { totalCount: 0 } }] } });
  });

  it('one gateway request reaching both subgraphs of the process reads the status once; another request, or another principal on the same request id, reads again', async () => {
    const token = await stack.simulator.workerToken('W000005');
    // A counsellor the worker consented to: allowed too, but another principal.
    const counsellor = await stack.simulator.partnerToken('demo-counsellor', 'demo-counsellor-secret');
    const STATUS_QUERY = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Worker { jobSeeker { category } } } }`;
    const OFFERS_QUERY = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Worker { recommendedJobOffers(first: 1) { totalCount } } } }`;
    await stack.resetCalls();
    const request = { 'x-request-id': `memo-${Date.now()}` };
    const [status, offers] = await Promise.all([stack.queryJobSeekers(STATUS_QUERY, worker('W000005'), token, request), stack.query(OFFERS_QUERY, worker('W000005'), token, request)]);
    expect(status.errors).toBeUndefined();
    expect(offers.errors).toBeUndefined();
    expect(callsTo(await stack.calls(), STATUS)).toBe(1);
    // Same request id, another principal: its own read, nothing shared.
    expect((await stack.queryJobSeekers(STATUS_QUERY, worker('W000005'), counsellor, request)).errors).toBeUndefined();
    expect(callsTo(await stack.calls(), STATUS)).toBe(2);
    // Another gateway request of the same worker: read again (personal data is not kept across requests).
    await stack.query(OFFERS_QUERY, worker('W000005'), token, { 'x-request-id': `memo-next-${Date.now()}` });
    expect(callsTo(await stack.calls(), STATUS)).toBe(3);
  });

  it('recommends offers for the sought occupation near the worker', async () => {
    const token = await stack.simulator.workerToken('W000005');
    const answer = await stack.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Worker { recommendedJobOffers(first: 3) { totalCount edges { node { occupation { romeCode } location { departmentCode } } } } } } }`, worker('W000005'), token);
    expect(answer.errors).toBeUndefined();
    const offers = (answer.data?.['_entities'] as { recommendedJobOffers: { totalCount: number; edges: { node: { occupation: { romeCode: string } } }[] } }[])[0]?.recommendedJobOffers;
    expect(offers?.edges.every((edge) => edge.node.occupation.romeCode === 'M1805')).toBe(true);
  });
});
