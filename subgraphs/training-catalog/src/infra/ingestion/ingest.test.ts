import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../lib/logging/index.js';
import { registry } from '../../../../../lib/metrics/index.js';
import { startSimulatedUpstreams, type SimulatedUpstreams } from '../../testing/upstreams.fixture.js';
import { loadReferences } from '../reference/references.js';
import { createCatalogStore } from './catalog-store.js';
import { ingestCatalog, type IngestionCounts } from './ingest.js';
import type { CatalogIndex } from '../../domain/catalog-index.js';

const logger = createLogger('test', 'silent');

describe('ingestion of the simulated catalogues', () => {
  let upstreams: SimulatedUpstreams;
  let index: CatalogIndex;
  let counts: IngestionCounts;

  beforeAll(async () => {
    upstreams = await startSimulatedUpstreams();
    ({ index, counts } = await ingestCatalog(upstreams.clients, loadReferences(), logger));
  });
  afterAll(async () => upstreams.close());

  it('reads every page of the LHEO feed, skipping and counting the malformed records', async () => {
    expect(counts).toMatchObject({ formationsRead: 6006, trainings: 6000, feedPagesFailed: 0, certifications: 1009, certificationRowsSkipped: 0, mcfRows: 2740, providers: 400 });
    expect(counts.formationsSkipped).toEqual({ BAD_DATE: 2, BAD_SIRET: 2, MISSING_TITLE: 1, BAD_PRICE: 1 });
    const calls = await upstreams.calls();
    expect(calls['GET /carif-oref/lheo/offres']).toBe(counts.feedPages);
    expect(calls['GET /opendata-cdc/api/explore/v2.1/catalog/datasets/moncompteformation_catalogueformation/exports/json']).toBe(1);
    const metrics = await registry.getSingleMetricAsString('catalog_ingested_records_total');
    expect(metrics).toContain('catalog_ingested_records_total{source="carif-oref",outcome="BAD_SIRET"} 2');
  });

  it('merges the MCF catalogue (SIRET + certification) and France Compétences into the index', () => {
    const eligible = index.searchTrainings({ cpfEligibleOnly: true });
    expect(eligible.length).toBe(counts.cpfEligible);
    expect(eligible.every((training) => training.certificationCode !== null)).toBe(true);
    const certification = index.certificationsByCodes(['RNCP509', 'RS5000'])[0];
    expect(certification?.title).toBe("Agent vérificateur d'appareils extincteurs");
    const withCertification = eligible[0];
    const linked = index.certificationsByCodes([withCertification?.certificationCode ?? ''])[0];
    expect(linked?.certifInfo).toMatch(/^\d+$/);
    expect(withCertification?.romeCodes).toEqual(expect.arrayContaining(linked?.romeCodes ?? ['missing']));
  });

  it('swaps a new index in on refresh, while a request holding the old one keeps reading it', async () => {
    const store = createCatalogStore({ ingest: () => ingestCatalog(upstreams.clients, loadReferences(), logger), refreshSeconds: 0, logger });
    expect(store.current()).toBeUndefined();
    expect(await store.refresh()).toBe(true);
    const first = store.current();
    const captured = first?.trainingsByIds(['F0100000']);
    await store.refresh();
    expect(store.current()).not.toBe(first);
    expect(first?.trainingsByIds(['F0100000'])).toEqual(captured);
    await store.stop();
  });

  it('keeps the previous index when a refresh fails', async () => {
    let fail = false;
    const store = createCatalogStore({
      ingest: async () => {
        if (fail) throw new Error('carif-oref down');
        return { index, counts };
      },
      refreshSeconds: 0,
      logger,
    });
    await store.refresh();
    fail = true;
    expect(await store.refresh()).toBe(false);
    expect(store.current()).toBe(index);
  });
});
