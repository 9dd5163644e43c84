import { pino } from 'pino';
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
    expect(counts.dropped['carif-oref']).toEqual(counts.formationsSkipped);
    expect(await registry.getSingleMetricAsString('upstream_items_dropped_total')).toContain('upstream_items_dropped_total{operator="carif-oref",reason="BAD_SIRET"} 2');
    expect(counts).toMatchObject({ formationsRead: 6006, trainings: 6000, feedPagesFailed: 0, certifications: 1009, certificationRowsSkipped: 0, mcfRows: 1512, providers: 400 });
    expect(counts.formationsSkipped).toEqual({ BAD_DATE: 2, BAD_SIRET: 2, MISSING_TITLE: 1, BAD_PRICE: 1 });
    const calls = await upstreams.calls();
    expect(calls['GET /carif-oref/exports/:file']).toBe(18);
    expect(counts.feedPages).toBe(18);
    expect(calls['GET /france-competences/api/1/datasets/5eebbc067a14b6fecc9c9976/']).toBe(1);
    expect(calls['GET /france-competences/static/:file']).toBe(1);
    expect(calls['GET /opendata-cdc/api/explore/v2.1/catalog/datasets/moncompteformation_catalogueformation/exports/jsonl']).toBe(1);
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
    // The first index is the one beforeAll ingested; the refresh ingests the feeds again for real.
    let refreshes = 0;
    const ingest = async () => (refreshes++ === 0 ? { index, counts } : await ingestCatalog(upstreams.clients, loadReferences(), logger));
    const store = createCatalogStore({ ingest, refreshSeconds: 0, logger });
    expect(store.current()).toBeUndefined();
    expect(await store.refresh()).toBe(true);
    const first = store.current();
    const captured = first?.trainingsByIds(['F0100000']);
    await store.refresh();
    expect(store.current()).not.toBe(first);
    expect(first?.trainingsByIds(['F0100000'])).toEqual(captured);
    expect(store.current()?.trainingsByIds(['F0100000'])).toEqual(captured);
    await store.stop();
  }, 60_000);

  it('refuses a refresh whose index shrank by more than the configured share, and says so', async () => {
    const lines: Record<string, unknown>[] = [];
    const recording = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    let next = counts;
    const store = createCatalogStore({ ingest: async () => ({ index, counts: next }), refreshSeconds: 0, maxShrink: 0.5, logger: recording });
    expect(await store.refresh()).toBe(true);
    const first = store.current();
    next = { ...counts, certifications: 0 };
    expect(await store.refresh()).toBe(false);
    expect(store.current()).toBe(first);
    expect(store.lastCounts()).toBe(counts);
    expect(lines.at(-1)).toMatchObject({ msg: expect.stringContaining('refused'), shrunk: [{ kind: 'certifications', previous: counts.certifications, next: 0 }] });
    next = { ...counts, trainings: Math.ceil(counts.trainings * 0.6) };
    expect(await store.refresh()).toBe(true);
    expect(await registry.getSingleMetricAsString('catalog_refreshes_total')).toContain('outcome="refused"} 1');
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
