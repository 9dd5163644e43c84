import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsTo, startFtTestStack, type FtTestStack } from '../testing/subgraph.fixture.js';

let stack: FtTestStack;
beforeAll(async () => {
  stack = await startFtTestStack();
});
afterAll(async () => stack.close());

const codeOf = (answer: Awaited<ReturnType<FtTestStack['query']>>) => answer.errors?.[0]?.extensions?.['code'];
const argumentOf = (answer: Awaited<ReturnType<FtTestStack['query']>>) => answer.errors?.[0]?.extensions?.['argument'];

describe('input validation happens before any upstream call', () => {
  it.each([
    ['{ occupation(romeCode: "ZZ") { title } }', 'romeCode'],
    ['{ jobOffers(filter: { romeCodes: ["M18"] }) { totalCount } }', 'filter.romeCodes'],
    ['{ jobOffers(filter: { keywords: "a" }) { totalCount } }', 'filter.keywords'],
    ['{ jobOffers(filter: {}) { totalCount } }', 'filter'],
    ['{ jobOffers(filter: { publishedSinceDays: 2 }) { totalCount } }', 'filter.publishedSinceDays'],
    ['{ jobOffers(filter: { near: { communeCode: "7505" } }) { totalCount } }', 'filter.near.communeCode'],
    ['{ jobOffers(filter: { romeCodes: ["M1805"] }, first: 101) { totalCount } }', 'first'],
    ['{ jobOffers(filter: { romeCodes: ["M1805"] }, first: -1) { totalCount } }', 'first'],
    ['{ jobOffers(filter: { romeCodes: ["M1805"] }, after: "nope") { totalCount } }', 'after'],
    ['{ companies(romeCode: "M1805", near: { departmentCode: "33", radiusKm: 201 }) { totalCount } }', 'near.radiusKm'],
    ['{ companies(romeCode: "M1805", near: { departmentCode: "999" }) { totalCount } }', 'near.departmentCode'],
    ['{ companies(romeCode: "M1805", near: {}) { totalCount } }', 'near'],
    ['{ occupations(search: "a") { totalCount } }', 'search'],
  ])('%s → BAD_USER_INPUT on %s', async (query, argument) => {
    await stack.resetCalls();
    const answer = await stack.query(query);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(argumentOf(answer)).toBe(argument);
    expect(callsTo(await stack.calls(), 'francetravail')).toBe(0);
  });

  it('refuses a page past France Travail\'s 3,149 ceiling before calling it', async () => {
    const after = Buffer.from('o:3099').toString('base64url');
    await stack.resetCalls();
    const answer = await stack.query(`{ jobOffers(filter: { romeCodes: ["M1805"] }, first: 100, after: "${after}") { totalCount } }`);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/3150/);
    expect(callsTo(await stack.calls(), 'francetravail')).toBe(0);
  });
});

describe('public queries', () => {
  it('pages job offers with Relay cursors and the upstream total', async () => {
    const query = `query ($after: String) { jobOffers(filter: { romeCodes: ["M1805"], near: { departmentCode: "75" } }, first: 5, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title contractType location { label departmentCode communeCode } company { siret name } companyName occupation { romeCode title } publishedAt url } } } }`;
    const first = await stack.query(query);
    expect(first.errors).toBeUndefined();
    const page = first.data?.['jobOffers'] as { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; edges: { node: { id: string; location: { label: string; departmentCode: string }; occupation: { title: string } } }[] };
    expect(page.edges).toHaveLength(5);
    expect(page.totalCount).toBeGreaterThan(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges[0]?.node.location).toMatchObject({ departmentCode: '75' });
    expect(page.edges[0]?.node.location.label).toMatch(/^Paris \d{2}$/);
    expect(page.edges[0]?.node.occupation.title).toBe('Études et développement informatique');
    const second = await stack.query(query, { after: page.pageInfo.endCursor });
    const ids = (second.data?.['jobOffers'] as typeof page).edges.map((edge) => edge.node.id);
    expect(ids.some((id) => page.edges.map((edge) => edge.node.id).includes(id))).toBe(false);
  });

  it('answers null for an unknown offer and an unknown occupation', async () => {
    const answer = await stack.query('{ jobOffer(id: "000AAAA") { id } occupation(romeCode: "N9999") { title } }');
    expect(answer).toEqual({ data: { jobOffer: null, occupation: null } });
  });

  it('serves an occupation with skills, job titles and related occupations', async () => {
    const answer = await stack.query('{ occupation(romeCode: "M1805") { romeCode title definition jobTitles skills { code label kind group } relatedOccupations { romeCode title jobOffers { totalCount } } } }');
    expect(answer.errors).toBeUndefined();
    const occupation = answer.data?.['occupation'] as { jobTitles: string[]; skills: { group: string }[]; relatedOccupations: { title: string; jobOffers: { totalCount: number } }[] };
    expect(occupation.jobTitles.length).toBeGreaterThanOrEqual(3);
    expect(occupation.skills[0]?.group).toBeTruthy();
    expect(occupation.relatedOccupations.length).toBeGreaterThan(0);
    expect(occupation.relatedOccupations.every((related) => related.title.length > 0 && related.jobOffers.totalCount >= 0)).toBe(true);
  });

  it('searches occupations accent-insensitively', async () => {
    const answer = await stack.query('{ occupations(search: "developpement informatique", first: 3) { totalCount edges { node { romeCode title } } } }');
    expect((answer.data?.['occupations'] as { edges: { node: { romeCode: string } }[] }).edges.map((edge) => edge.node.romeCode)).toContain('M1805');
  });

  it('lists hiring companies near a place', async () => {
    const answer = await stack.query('{ occupation(romeCode: "M1805") { hiringCompanies(near: { communeCode: "75056", radiusKm: 200 }, first: 3) { totalCount edges { node { siret name url headcount } } } } }');
    expect(answer.errors).toBeUndefined();
  });
});
