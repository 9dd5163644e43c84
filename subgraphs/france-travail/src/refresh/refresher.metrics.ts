import { counter, gauge } from '../../../../lib/metrics/index.js';

/** Entries the refresher wrote (or failed to), by kind of data. */
export const refreshedEntries = counter<'kind' | 'outcome'>({
  name: 'ft_refresh_entries_total',
  help: 'Public per-training cache entries refreshed ahead of demand, by kind (outcomes, reviews) and outcome (refreshed, failed)',
  labelNames: ['kind', 'outcome'],
});

/** Keys of the current pass not refreshed yet. */
export const refreshBacklog = gauge<'kind'>({
  name: 'ft_refresh_backlog',
  help: 'Keys of the current refresh pass still to refresh, by kind (outcomes, reviews providers)',
  labelNames: ['kind'],
});

/** Upstream calls made by the refresher, by operator. */
export const refreshCalls = counter<'operator'>({
  name: 'ft_refresh_upstream_calls_total',
  help: 'Upstream calls made by the refresher of public per-training data, by operator',
  labelNames: ['operator'],
});

/** Most refresher calls started in one window of the France Travail gate (bounded by FT_REFRESH_SHARE of the quota). */
export const refreshWindowPeak = gauge({
  name: 'ft_refresh_window_peak',
  help: 'Most background (refresher) calls started within one France Travail quota window since start',
});
