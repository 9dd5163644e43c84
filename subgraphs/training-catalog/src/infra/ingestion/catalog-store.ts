import type { Logger } from '../../../../../lib/logging/index.js';
import type { CatalogIndex } from '../../domain/catalog-index.js';
import type { IngestionCounts } from './ingest.js';
import { lastRefresh, refreshes } from './ingestion.metrics.js';

export interface CatalogStore {
  /** The serving index; undefined until the first ingestion succeeded. */
  current(): CatalogIndex | undefined;
  lastCounts(): IngestionCounts | undefined;
  /** Runs one ingestion now; on success the new index replaces the old one in one assignment. */
  refresh(): Promise<boolean>;
  /** First ingestion, then one every `refreshSeconds` (0: never again). */
  start(): void;
  stop(): Promise<void>;
}

export interface CatalogStoreOptions {
  ingest: () => Promise<{ index: CatalogIndex; counts: IngestionCounts }>;
  refreshSeconds: number;
  logger: Logger;
  /** Delay before retrying a failed first ingestion (nothing is served until one succeeds). */
  retrySeconds?: number;
  /**
   * Largest share (0–1) by which a refresh may shrink the index (trainings, certifications,
   * CPF-eligible trainings) before it is refused: a half-read feed or an empty export must not
   * replace a good index. 1 accepts anything.
   */
  maxShrink?: number;
}

/** The counts a refresh may not lose more than `maxShrink` of. */
const GUARDED = ['trainings', 'certifications', 'cpfEligible'] as const;

/** The guarded counts that fell by more than `maxShrink`, with their old and new values. */
export function shrunkCounts(previous: IngestionCounts, next: IngestionCounts, maxShrink: number): { kind: string; previous: number; next: number }[] {
  return GUARDED.filter((kind) => previous[kind] > 0 && next[kind] < previous[kind] * (1 - maxShrink)).map((kind) => ({ kind, previous: previous[kind], next: next[kind] }));
}

/**
 * Holds the serving index. A refresh builds a complete new index aside and swaps the reference:
 * a request captures the index once (in its context), so it never sees half a refresh. Refreshes
 * never overlap; a failed one keeps the previous index.
 */
export function createCatalogStore(options: CatalogStoreOptions): CatalogStore {
  let index: CatalogIndex | undefined;
  let counts: IngestionCounts | undefined;
  let running: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function runOnce(): Promise<boolean> {
    try {
      const result = await options.ingest();
      const shrunk = counts ? shrunkCounts(counts, result.counts, options.maxShrink ?? 1) : [];
      if (shrunk.length > 0) {
        refreshes.inc({ outcome: 'refused' });
        options.logger.error({ shrunk, maxShrink: options.maxShrink, counts: result.counts }, 'catalogue refresh refused: the new index lost more than CATALOG_MAX_SHRINK of its content; the previous index keeps serving');
        return false;
      }
      index = result.index;
      counts = result.counts;
      refreshes.inc({ outcome: 'success' });
      lastRefresh.set(Date.now() / 1000);
      return true;
    } catch (error) {
      refreshes.inc({ outcome: 'failure' });
      options.logger.error({ err: error }, index ? 'catalogue refresh failed; the previous index keeps serving' : 'catalogue ingestion failed; not ready yet');
      return false;
    }
  }

  const refresh = (): Promise<boolean> => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  function schedule(): void {
    if (stopped) return;
    const seconds = index ? options.refreshSeconds : options.retrySeconds ?? 5;
    if (seconds <= 0) return;
    timer = setTimeout(() => {
      void refresh().then(schedule);
    }, seconds * 1000);
    timer.unref();
  }

  return {
    current: () => index,
    lastCounts: () => counts,
    refresh,
    start: () => {
      void refresh().then(schedule);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
