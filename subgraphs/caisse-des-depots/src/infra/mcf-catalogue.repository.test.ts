import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCache } from '../../../../lib/cache/index.js';
import { createUpstreamClient, type UpstreamClient } from '../../../../lib/http/index.js';
import { buildWorld } from '../../../../upstreams/data/world.js';
import { buildMcfRows } from '../../../../upstreams/opendata-cdc/rows.js';
import { eligibilityKey } from '../domain/catalogue.js';
import { CDC_ROUTES, startSimulator, type RunningSimulator } from '../testing/simulator.fixture.js';
import { keyOfRow, whereClause } from './mcf-catalogue.mapper.js';
import { createMcfCatalogueRepository, MCF_OPERATOR } from './mcf-catalogue.repository.js';

let simulator: RunningSimulator;
let http: UpstreamClient;
let listedKeys: string[];

const repository = () => createMcfCatalogueRepository({ http, cache: createCache({ namespace: 'cdc-test', memory: {} }) });

beforeAll(async () => {
  simulator = await startSimulator();
  http = createUpstreamClient({ operator: MCF_OPERATOR, baseUrl: simulator.opendataUrl, retry: { maxRetries: 0 } });
  const keys = buildMcfRows(buildWorld()).map(keyOfRow).filter((key): key is string => key !== undefined);
  listedKeys = [...new Set(keys)].slice(0, 40);
});
afterAll(async () => {
  await http.close();
  await simulator.close();
});
beforeEach(async () => {
  await simulator.reset();
});

describe('MCF catalogue mapper', () => {
  it('queries bare digits and reads either prefix convention (UNCONFIRMED upstream)', () => {
    expect(whereClause({ siret: '48276116000019', certificationCode: 'RNCP37873' })).toBe('(siret="48276116000019" AND code_rncp="37873")');
    expect(whereClause({ siret: '48276116000019', certificationCode: 'RS5000' })).toBe('(siret="48276116000019" AND code_inventaire="5000")');
    expect(keyOfRow({ siret: '48276116000019', code_rncp: 'RNCP37873' })).toBe('48276116000019|RNCP37873');
    expect(keyOfRow({ siret: '48276116000019', code_rncp: null, code_inventaire: '5000' })).toBe('48276116000019|RS5000');
    expect(keyOfRow({ siret: '48276116000019', code_rncp: null, code_inventaire: null })).toBeUndefined();
  });
});

describe('MCF catalogue eligibility against the simulator', () => {
  it('answers 50 distinct pairs (40 listed, 10 not) with one upstream call, then from the cache', async () => {
    const unlisted = Array.from({ length: 10 }, (_, index) => eligibilityKey({ siret: '48276116000019', certificationCode: `RNCP9${String(index).padStart(5, '0')}` }));
    const repo = repository();
    const result = await repo.listed([...listedKeys, ...unlisted, ...listedKeys.slice(0, 5)]);
    expect(result.size).toBe(50);
    expect(listedKeys.every((key) => result.get(key) === true)).toBe(true);
    expect(unlisted.every((key) => result.get(key) === false)).toBe(true);
    expect((await simulator.calls())[CDC_ROUTES.mcf]).toBe(1);
    await repo.listed(listedKeys);
    expect((await simulator.calls())[CDC_ROUTES.mcf]).toBe(1);
  });

  it('a failing catalogue fails the keys with UPSTREAM_UNAVAILABLE', async () => {
    await simulator.faults({ 'opendata-cdc': { forcedStatus: 503 } });
    try {
      const result = await repository().listed(['48276116000019|RNCP1']);
      expect(result.get('48276116000019|RNCP1')).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      await simulator.clearFaults();
    }
  });
});
