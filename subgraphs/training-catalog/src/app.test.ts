import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../../lib/auth/principal.js';
import { createLogger } from '../../../lib/logging/index.js';
import type { RunningSubgraph } from '../../../lib/server/subgraph.js';
import { freePort } from '../../../lib/testing/ports.js';
import { subgraphRequest } from '../../../lib/testing/subgraph-request.js';
import { createTrainingCatalogSubgraph } from './app.js';
import { createCatalogStore, type CatalogStore } from './infra/ingestion/catalog-store.js';
import { ingestCatalog } from './infra/ingestion/ingest.js';
import { loadReferences } from './infra/reference/references.js';
import { startSimulatedUpstreams, type SimulatedUpstreams } from './testing/upstreams.fixture.js';

const logger = createLogger('test', 'silent');
type Body = { data?: Record<string, any> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };

describe('training-catalog subgraph over the simulated catalogues', () => {
  let upstreams: SimulatedUpstreams;
  let store: CatalogStore;
  let subgraph: RunningSubgraph;
  let url: string;
  const query = async (text: string, variables: Record<string, unknown> = {}): Promise<Body> => {
    const response = await subgraphRequest(`${url}/graphql`, { query: text, variables });
    return (await response.json()) as Body;
  };

  beforeAll(async () => {
    upstreams = await startSimulatedUpstreams();
    store = createCatalogStore({ ingest: () => ingestCatalog(upstreams.clients, loadReferences(), logger), refreshSeconds: 0, logger });
    const deps = { store, references: loadReferences(), principalFrom: async () => ANONYMOUS, logger };
    subgraph = await createTrainingCatalogSubgraph(deps, { port: await freePort(), host: '127.0.0.1' });
    url = `http://127.0.0.1:${subgraph.port}`;
  });
  afterAll(async () => {
    await subgraph.stop();
    await store.stop();
    await upstreams.close();
  });

  it('is not ready before the first index is built, ready after', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    const unready = await query('{ training(id: "F0100000") { id } }');
    expect(unready.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(await store.refresh()).toBe(true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('finds trainings by formacode near a commune, with stable Relay pages', async () => {
    const finder = `query($after: String) { trainings(filter: { near: { communeCode: "75056", radiusKm: 30 } }, first: 5, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id title provider { siret name } price { cents currency } location { departmentCode } sessions { start place { communeCode } } } } } }`;
    const first = await query(finder);
    expect(first.errors).toBeUndefined();
    const page = first.data?.['trainings'];
    expect(page.totalCount).toBeGreaterThan(10);
    expect(page.edges).toHaveLength(5);
    const second = await query(finder, { after: page.pageInfo.endCursor });
    const both = await query(finder.replace('first: 5', 'first: 10'));
    const ids = (body: Body) => body.data?.['trainings'].edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect([...ids(first), ...ids(second)]).toEqual(ids(both));
  });

  it.each([
    ['{ trainings(filter: { formacodes: ["123"] }) { totalCount } }', 'filter.formacodes'],
    ['{ trainings(filter: { near: { communeCode: "29232", departmentCode: "29" } }) { totalCount } }', 'filter.near'],
    ['{ trainings(filter: { near: { communeCode: "29232", radiusKm: 500 } }) { totalCount } }', 'filter.near.radiusKm'],
    ['{ trainings(filter: { startAfter: "2026-02-30" }) { totalCount } }', 'filter.startAfter'],
    ['{ trainings(filter: { certificationCode: "ABC12" }) { totalCount } }', 'filter.certificationCode'],
    ['{ trainings(filter: {}, first: 101) { totalCount } }', 'first'],
    ['{ trainings(filter: {}, after: "nope") { totalCount } }', 'after'],
    ['{ certification(code: "RNCP") { title } }', 'code'],
    ['{ certifications(search: " ") { totalCount } }', 'search'],
  ])('rejects %s as BAD_USER_INPUT naming %s', async (text, argument) => {
    const body = await query(text);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('answers unknown well-formed codes with null or empty lists', async () => {
    const body = await query('{ certification(code: "RNCP999999") { title } training(id: "F9999999") { id } trainings(filter: { formacodes: ["99999"] }) { totalCount } }');
    expect(body).toEqual({ data: { certification: null, training: null, trainings: { totalCount: 0 } } });
  });

  it('resolves many entities with one index lookup per kind', async () => {
    const index = store.current();
    if (!index) throw new Error('no index');
    const trainings = index.searchTrainings({ cpfEligibleOnly: true }).slice(0, 20);
    const romes = ['M1805', 'D1402', 'H2913', 'K2111', 'J1501'];
    const before = { ...index.lookups };
    const body = await query(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Training { id certification { code title certifInfo } provider { name } }
        ... on Occupation { romeCode certifications { code } trainings(first: 2) { totalCount } } } }`,
      { representations: [...trainings.map((training) => ({ __typename: 'Training', id: training.id })), ...romes.map((romeCode) => ({ __typename: 'Occupation', romeCode }))] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.['_entities']).toHaveLength(25);
    expect(body.data?.['_entities'][0].certification.code).toMatch(/^(RNCP|RS)\d+$/);
    expect({ trainings: index.lookups.trainings - before.trainings, certifications: index.lookups.certifications - before.certifications, occupations: index.lookups.occupations - before.occupations }).toEqual({ trainings: 1, certifications: 1, occupations: 2 });
  });

  it('searches certifications and links them to occupations', async () => {
    const body = await query('{ certifications(search: "blockchain", first: 3) { totalCount edges { node { code kind level active occupations { romeCode } formacodes } } } }');
    expect(body.data?.['certifications'].edges[0].node).toMatchObject({ code: 'RS5000', kind: 'RS', level: null, active: true, formacodes: ['31004'] });
  });
});
