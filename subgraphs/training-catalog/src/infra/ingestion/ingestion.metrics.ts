import { counter, gauge } from '../../../../../lib/metrics/index.js';

/** Records read by each ingestion, by source and outcome (`accepted`, or the rejection reason). */
export const ingestedRecords = counter({
  name: 'catalog_ingested_records_total',
  help: 'Catalogue records read by the ingestion, by source and outcome (accepted or the reason a record was skipped).',
  labelNames: ['source', 'outcome'] as const,
});

export const indexSize = gauge({
  name: 'catalog_index_size',
  help: 'Entities in the serving catalogue index, by kind.',
  labelNames: ['kind'] as const,
});

export const refreshes = counter({
  name: 'catalog_refreshes_total',
  help: 'Catalogue refreshes, by outcome (success keeps the new index; failure and refused, a new index that shrank too much, keep the previous one).',
  labelNames: ['outcome'] as const,
});

export const lastRefresh = gauge({
  name: 'catalog_last_successful_refresh_seconds',
  help: 'Unix time of the last successful catalogue refresh.',
});
