/**
 * Issue #14 point 2: the common GraphQL clients, as front-end teams configure them, against one
 * started stack (simulators, three subgraphs, gateway — real HTTP, no mock of the gateway):
 * Apollo Client 4 with its persisted-queries link (sha256 from node:crypto) and the ready
 * typePolicies, urql (@urql/core) with the one line docs/frontend.md gives, graphql-request with
 * its defaults, and Relay-style paging (`after` cursors, merged by Apollo's relayStylePagination).
 *
 * Each client sends graph.md's four queries (the dashboard with a development-issuer worker
 * token), pages with `after`, and gets a bad input and an auth error with their `extensions.code`.
 * Every client's `data` must equal what a bare `fetch` POST gets from the same gateway. The
 * operations are docs/clients/operations.ts, typed by the client preset (docs/clients/codegen.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, type ObservableQuery, type OperationVariables } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { parse, print } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import { beforeAll, describe, expect, it } from 'vitest';
import { CareerChange, JobSearch, OccupationByCode, TrainingFinder, WorkerDashboard } from '../../docs/clients/operations.js';
import { typePolicies } from '../../docs/clients/type-policies.js';
import { sharedStack } from '../shared-stack.js';
import type { TestStack } from '../stack.js';

let stack: TestStack;
let workerToken: string;

beforeAll(async () => {
  stack = await sharedStack();
  workerToken = await stack.workerToken('W000005');
}, 300_000);

/** Variables of graph.md's queries, as the benchmark sends them (bench/scenarios.ts). */
const TRAINING_FINDER = { formacodes: ['23054', '15254'], near: { communeCode: '75056', radiusKm: 60 }, first: 10 };
const JOB_SEARCH = { romeCodes: ['J1506', 'J1501'], near: { departmentCode: '13' } };
const CAREER_CHANGE = { romeCode: 'G1602' };
const FORGED_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJXMDAwMDA1In0.c2lnbmF0dXJl';

/** What one call gave the application: the client's `data` and the codes of the errors it surfaced. */
interface Outcome<T> {
  data: T | null | undefined;
  codes: string[];
}

interface ClientUnderTest {
  name: string;
  run: <T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V, token?: string) => Promise<Outcome<T>>;
  /** True when the client's cache merges a next page into the list it returns (Apollo's relayStylePagination). */
  mergesPages: boolean;
  /** How it sends a short query: urql prefers GET (hence the CSRF header), the others POST. */
  shortQueriesAs: 'GET' | 'POST';
  /** HTTP requests this client sent to the gateway: method and whether the body carried the query text. */
  sent: { method: string; withQuery: boolean }[];
}

const codesOf = (errors: readonly { extensions?: Record<string, unknown> | undefined }[] | undefined): string[] =>
  (errors ?? []).map((error) => String(error.extensions?.['code']));

/** A fetch that records what the client sends, then sends it to the real gateway. */
function countingFetch(sent: ClientUnderTest['sent']): typeof fetch {
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({ method: init?.method ?? 'GET', withQuery: body.includes('"query"') || new URL(url).searchParams.has('query') });
    return await fetch(input, init);
  };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function apolloClient(sent: ClientUnderTest['sent']): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache({ typePolicies }),
    link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: stack.urls.graphql, fetch: countingFetch(sent) })),
  });
}

/** Apollo Client 4 with the APQ link and docs/clients/type-policies.ts; default errorPolicy ("none"). */
function apollo(): ClientUnderTest {
  const sent: ClientUnderTest['sent'] = [];
  let client: ApolloClient | undefined;
  return {
    name: 'Apollo Client 4 + persisted-queries link',
    sent,
    shortQueriesAs: 'POST',
    mergesPages: true,
    run: async (document, variables, token) => {
      client ??= apolloClient(sent);
      try {
        const result = await client.query({
          query: document as TypedDocumentNode<unknown, Record<string, unknown>>,
          variables,
          fetchPolicy: 'network-only',
          context: token ? { headers: { authorization: `Bearer ${token}` } } : {},
        });
        return { data: result.data as never, codes: [] };
      } catch (error) {
        if (!CombinedGraphQLErrors.is(error)) throw error;
        return { data: error.data as never, codes: codesOf(error.errors) };
      }
    },
  };
}

/** urql with the one line of docs/frontend.md: its short-query GETs carry `apollo-require-preflight`. */
function urql(): ClientUnderTest {
  const sent: ClientUnderTest['sent'] = [];
  return {
    name: 'urql (@urql/core)',
    sent,
    shortQueriesAs: 'GET',
    mergesPages: false,
    run: async (document, variables, token) => {
      const client = new UrqlClient({
        url: stack.urls.graphql,
        exchanges: [fetchExchange],
        fetch: countingFetch(sent),
        fetchOptions: { headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      });
      const result = await client.query(document, variables).toPromise();
      if (result.error?.networkError) throw result.error.networkError;
      return { data: result.data, codes: codesOf(result.error?.graphQLErrors) };
    },
  };
}

/** graphql-request with its defaults (POST, JSON); errors arrive as ClientError. */
function graphqlRequest(): ClientUnderTest {
  const sent: ClientUnderTest['sent'] = [];
  return {
    name: 'graphql-request',
    sent,
    shortQueriesAs: 'POST',
    mergesPages: false,
    run: async <T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables: V, token?: string) => {
      const client = new GraphQLClient(stack.urls.graphql, { fetch: countingFetch(sent), headers: token ? { authorization: `Bearer ${token}` } : {} });
      try {
        return { data: await client.request<T, V>({ document, variables } as never), codes: [] };
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        return { data: error.response.data as T | undefined, codes: codesOf(error.response.errors) };
      }
    },
  };
}

/** Apollo adds `__typename` to every selection: compared without it. */
function withoutTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypename);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__typename').map(([key, item]) => [key, withoutTypename(item)]));
}

/** The same operation sent by a bare fetch POST: what every client must give the application. */
const references = new Map<string, Promise<unknown>>();
async function reference<T, V>(document: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<T> {
  const key = JSON.stringify([print(document), variables, token ?? null]);
  if (!references.has(key)) {
    references.set(
      key,
      stack.query(print(document), variables as Record<string, unknown>, token ? { authorization: `Bearer ${token}` } : {}).then(({ status, body }) => {
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        return body.data;
      }),
    );
  }
  return (await references.get(key)) as T;
}

const ids = (connection: { edges: { node: { id: string } }[] } | null | undefined): string[] => (connection?.edges ?? []).map((edge) => edge.node.id);

describe.each([apollo(), urql(), graphqlRequest()])('$name', (client) => {
  it('answers the worker dashboard with a token of the development issuer', async () => {
    const { data, codes } = await client.run(WorkerDashboard, {}, workerToken);
    expect(codes).toEqual([]);
    expect(data?.me?.id).toBe('W000005');
    expect(data?.me?.jobSeeker?.soughtOccupation?.romeCode).toBe('M1805');
    expect(data?.me?.jobSeeker?.soughtOccupation?.trainings?.edges.length).toBeGreaterThan(0);
    expect(withoutTypename(data)).toEqual(await reference(WorkerDashboard, {}, workerToken));
  });

  it('answers the training finder, the job search and the career change', async () => {
    const finder = await client.run(TrainingFinder, TRAINING_FINDER);
    expect(finder.codes).toEqual([]);
    expect(finder.data?.trainings?.edges.length).toBe(10);
    expect(finder.data?.trainings?.edges.every((edge) => /^\d{14}$/.test(edge.node.provider.siret))).toBe(true);
    expect(withoutTypename(finder.data)).toEqual(await reference(TrainingFinder, TRAINING_FINDER));

    const jobs = await client.run(JobSearch, JOB_SEARCH);
    expect(jobs.codes).toEqual([]);
    expect(jobs.data?.jobOffers?.totalCount).toBeGreaterThan(20);
    expect(withoutTypename(jobs.data)).toEqual(await reference(JobSearch, JOB_SEARCH));

    const career = await client.run(CareerChange, CAREER_CHANGE);
    expect(career.codes).toEqual([]);
    expect(career.data?.occupation?.relatedOccupations?.length).toBeGreaterThan(0);
    expect(withoutTypename(career.data)).toEqual(await reference(CareerChange, CAREER_CHANGE));
  });

  it('pages with `after`: the second page continues the first', async () => {
    const first = await client.run(JobSearch, { ...JOB_SEARCH, first: 2 });
    const cursor = first.data?.jobOffers?.pageInfo.endCursor;
    expect(first.data?.jobOffers?.pageInfo.hasNextPage).toBe(true);
    expect(cursor).toEqual(expect.any(String));
    const second = await client.run(JobSearch, { ...JOB_SEARCH, first: 2, after: cursor });
    expect(second.codes).toEqual([]);
    // Apollo's relayStylePagination answers the list so far (both pages), the others the page asked for.
    const both = client.mergesPages ? ids(second.data?.jobOffers) : [...ids(first.data?.jobOffers), ...ids(second.data?.jobOffers)];
    expect(new Set(both).size).toBe(4);
    expect(both).toEqual(ids((await reference(JobSearch, { ...JOB_SEARCH, first: 4 })).jobOffers));
  });

  it('gets BAD_USER_INPUT for a malformed code (field error) and for a variable of the wrong type (request refused)', async () => {
    const field = await client.run(OccupationByCode, { romeCode: 'not-a-rome-code' });
    expect(field.codes).toEqual(['BAD_USER_INPUT']);
    expect(field.data?.occupation ?? null).toBeNull();
    const request = await client.run(JobSearch, { ...JOB_SEARCH, first: 'ten' as unknown as number });
    expect(request.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('gets UNAUTHENTICATED for a token that does not verify (HTTP 401) and for `me` without a token', async () => {
    const forged = await client.run(OccupationByCode, { romeCode: 'M1805' }, FORGED_TOKEN);
    expect(forged.codes).toEqual(['UNAUTHENTICATED']);
    const anonymous = await client.run(WorkerDashboard, {});
    expect(anonymous.codes).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.data?.me ?? null).toBeNull();
    // Every call of this describe reached the gateway over HTTP (Apollo's APQ link adds its rounds).
    expect(client.sent.length).toBeGreaterThanOrEqual(10);
    expect(client.sent.map((request) => request.method)).toContain(client.shortQueriesAs);
  });
});

describe('Apollo persisted queries (APQ link, sha256 from node:crypto)', () => {
  it('registers a query once: the first client sends the hash, then the text; a second client sends only the hash', async () => {
    // A document no other test sent (APQ is keyed by the query text, not the variables).
    const query: TypedDocumentNode<{ occupation: { romeCode: string } | null }, { romeCode: string }> = parse(
      `query ApqProbe${randomBytes(4).toString('hex')}($romeCode: ID!) { occupation(romeCode: $romeCode) { romeCode title } }`,
    );
    const variables = { romeCode: 'K2111' };
    const firstSent: ClientUnderTest['sent'] = [];
    const first = await apolloClient(firstSent).query({ query, variables });
    expect(first.data?.occupation?.romeCode).toBe('K2111');
    // Round 1: hash only → PERSISTED_QUERY_NOT_FOUND (HTTP 200); round 2: the link resends with the text.
    expect(firstSent).toEqual([{ method: 'POST', withQuery: false }, { method: 'POST', withQuery: true }]);
    const secondSent: ClientUnderTest['sent'] = [];
    const second = await apolloClient(secondSent).query({ query, variables });
    expect(secondSent).toEqual([{ method: 'POST', withQuery: false }]);
    expect(second.data).toEqual(first.data);
  });
});

describe('Relay-style paging (Apollo relayStylePagination from docs/clients/type-policies.ts)', () => {
  /** The first result of the watched query that satisfies `ready`. */
  const resultWhere = async <T, V extends OperationVariables>(watch: ObservableQuery<T, V>, ready: (data: T) => boolean): Promise<T> =>
    await new Promise<T>((resolve, reject) => {
      const subscription = watch.subscribe({
        next: (result) => {
          if (result.data !== undefined && ready(result.data as T)) {
            resolve(result.data as T);
            queueMicrotask(() => subscription.unsubscribe());
          }
        },
        error: reject,
      });
    });

  it('fetchMore with `after` merges the next page into the same list, entities normalised by their keys', async () => {
    const sent: ClientUnderTest['sent'] = [];
    const client = apolloClient(sent);
    const variables = { ...JOB_SEARCH, first: 3 };
    const watch = client.watchQuery({ query: JobSearch, variables });
    const firstPage = await resultWhere(watch, (data) => (data.jobOffers?.edges.length ?? 0) > 0);
    expect(ids(firstPage.jobOffers)).toHaveLength(3);
    const merged = resultWhere(watch, (data) => (data.jobOffers?.edges.length ?? 0) === 6);
    await watch.fetchMore({ variables: { after: firstPage.jobOffers?.pageInfo.endCursor } });
    const list = await merged;
    expect(ids(list.jobOffers)).toEqual(ids((await reference(JobSearch, { ...JOB_SEARCH, first: 6 })).jobOffers));
    expect(list.jobOffers?.pageInfo.endCursor).not.toBe(firstPage.jobOffers?.pageInfo.endCursor);
    // One list in the cache, keyed by its filter only; each offer stored once under its id.
    const snapshot = client.cache.extract() as Record<string, Record<string, unknown> | undefined>;
    expect(Object.keys(snapshot['ROOT_QUERY'] ?? {}).filter((field) => field.startsWith('jobOffers'))).toHaveLength(1);
    for (const id of ids(list.jobOffers)) expect(snapshot[`JobOffer:{"id":"${id}"}`]).toMatchObject({ id });
  });
});

describe('urql without the documented line', () => {
  it('sends short queries as GET, which CSRF prevention refuses with BAD_USER_INPUT naming the header to add', async () => {
    const sent: ClientUnderTest['sent'] = [];
    const client = new UrqlClient({ url: stack.urls.graphql, exchanges: [fetchExchange], fetch: countingFetch(sent) });
    const result = await client.query(OccupationByCode, { romeCode: 'M1805' }).toPromise();
    expect(sent).toEqual([{ method: 'GET', withQuery: true }]);
    expect(codesOf(result.error?.graphQLErrors)).toEqual(['BAD_USER_INPUT']);
    expect(result.error?.message).toContain('apollo-require-preflight');
    // The documented alternative to the header: POST everything.
    const posting = new UrqlClient({ url: stack.urls.graphql, exchanges: [fetchExchange], preferGetMethod: false });
    expect((await posting.query(OccupationByCode, { romeCode: 'M1805' }).toPromise()).data?.occupation?.romeCode).toBe('M1805');
  });
});
