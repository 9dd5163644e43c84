import type { Logger } from '../../../../lib/logging/index.js';
import type { CatalogueKeys } from '../domain/catalogue-keys.js';
import type { OutcomeRepository, ReviewRepository } from '../domain/repositories.js';
import { refreshBacklog, refreshCalls, refreshedEntries, refreshWindowPeak } from './refresher.metrics.js';

export interface RefresherOptions {
  outcomes: OutcomeRepository;
  reviews: ReviewRepository;
  /** The catalogue's keys, read at the start of every pass. */
  keys: () => Promise<CatalogueKeys>;
  /**
   * Outcome reads in flight. They run outside any request, so the France Travail gate counts them
   * as background work: served last, within FT_REFRESH_SHARE of the quota.
   */
  outcomeConcurrency: number;
  /** Anotéa reads in flight (Anotéa publishes no quota: kept polite). */
  reviewConcurrency: number;
  /** How long a refreshed entry is kept: longer than a pass, so entries are rewritten before they expire. */
  ttlSeconds: number;
  /** Pause between the end of a pass and the next one. */
  intervalSeconds: number;
  /** Outcome keys (hottest first) the first pass covers before `hot` resolves. */
  hotKeys: number;
  /**
   * Most entries a pass writes, half outcomes and half reviews, hottest first (default: all).
   * Without Redis the in-process tier is bounded: writing past it would evict the hottest entries.
   */
  maxEntries?: number;
  /** Background calls started in the France Travail gate's current window (for the peak figure). */
  backgroundInWindow?: () => number;
  logger: Logger;
}

export interface PassCounts {
  outcomes: number;
  reviews: number;
  failed: number;
  /** Anotéa calls (France Travail calls are counted by the gate and the simulator). */
  calls: { anotea: number };
  /** Most background calls seen started in one quota window (never above the refresher's share). */
  peakWindow: number;
}

export interface Refresher {
  /** Starts the first pass now, then one every `intervalSeconds` after the previous ended. */
  start(): void;
  /** Resolves once the first pass refreshed every provider's reviews and the `hotKeys` hottest outcome keys (or failed to). */
  readonly hot: Promise<void>;
  /** One pass now (tests); resolves with what it did. */
  pass(): Promise<PassCounts>;
  stop(): void;
}

/** The hottest keys that fit `maxEntries` entries: half for outcomes, half for the providers' review keys. */
function bounded(keys: CatalogueKeys, maxEntries: number): CatalogueKeys {
  const half = Math.floor(maxEntries / 2);
  const providers: CatalogueKeys['providers'] = [];
  let reviewEntries = 0;
  for (const provider of keys.providers) {
    // A provider's reviews may name more keys than its trainings: leave room for them.
    reviewEntries += provider.keys.length * 2;
    if (reviewEntries > half) break;
    providers.push(provider);
  }
  return { trainings: keys.trainings, outcomes: keys.outcomes.slice(0, half), providers };
}

/** Runs `work` over `items` with at most `concurrency` in flight, in order of the list. */
async function each<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>, stopped: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!stopped() && next < items.length) {
      const index = next;
      next += 1;
      const item = items[index];
      if (item !== undefined) await work(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/**
 * Refreshes public per-training data ahead of demand (issue #15.4): training outcomes by
 * Formacode × department (France Travail, one call per key: the API has no bulk read) and
 * reviews by provider (Anotéa, one call per provider for all its trainings), for every training
 * of the catalogue, into the very cache entries the loaders read. A user's cold search then finds
 * them there and makes no call for them. A key refreshed in an earlier pass is read again even
 * though cached (its entry is replaced); on the first pass a cached entry (a warm Redis) is kept.
 * Failures are counted and skipped: the loaders still read on demand.
 */
export function createRefresher(options: RefresherOptions): Refresher {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PassCounts> | undefined;
  const done = new Set<string>();
  let peak = 0;
  let markHot: () => void = () => undefined;
  const hot = new Promise<void>((resolve) => (markHot = resolve));

  async function runPass(): Promise<PassCounts> {
    const counts: PassCounts = { outcomes: 0, reviews: 0, failed: 0, calls: { anotea: 0 }, peakWindow: 0 };
    let keys: CatalogueKeys;
    try {
      keys = await options.keys();
    } catch (error) {
      options.logger.warn({ err: error }, 'refresher: catalogue keys not read; outcomes and reviews are read on demand until the next pass');
      markHot();
      return counts;
    }
    if (options.maxEntries !== undefined) keys = bounded(keys, options.maxEntries);
    const ttl = { ttlSeconds: options.ttlSeconds };
    refreshBacklog.set({ kind: 'reviews' }, keys.providers.length);
    refreshBacklog.set({ kind: 'outcomes' }, keys.outcomes.length);
    let reviewsLeft = keys.providers.length;
    let outcomesLeft = keys.outcomes.length;
    let hotLeft = Math.min(options.hotKeys, keys.outcomes.length);
    const checkHot = () => {
      if (reviewsLeft === 0 && hotLeft <= 0) markHot();
    };
    const reviews = each(keys.providers, options.reviewConcurrency, async (provider) => {
      const id = `reviews:${provider.siret}`;
      try {
        const { calls, entries } = await options.reviews.refreshProvider(provider.siret, provider.keys, { ...ttl, refresh: true });
        counts.calls.anotea += calls;
        refreshCalls.inc({ operator: 'anotea' }, calls);
        counts.reviews += entries;
        refreshedEntries.inc({ kind: 'reviews', outcome: 'refreshed' }, entries);
        done.add(id);
      } catch (error) {
        counts.failed += 1;
        refreshedEntries.inc({ kind: 'reviews', outcome: 'failed' });
        options.logger.debug({ err: error, siret: provider.siret }, 'refresher: reviews not refreshed');
      }
      reviewsLeft -= 1;
      refreshBacklog.set({ kind: 'reviews' }, reviewsLeft);
      checkHot();
    }, () => stopped);
    const outcomes = each(keys.outcomes, options.outcomeConcurrency, async (key, index) => {
      const id = `outcomes:${key.formacode}:${key.departmentCode}`;
      try {
        const refresh = done.has(id);
        await options.outcomes.outcomes(key, { ...ttl, refresh });
        done.add(id);
        counts.outcomes += 1;
        refreshedEntries.inc({ kind: 'outcomes', outcome: 'refreshed' });
      } catch (error) {
        counts.failed += 1;
        refreshedEntries.inc({ kind: 'outcomes', outcome: 'failed' });
        options.logger.debug({ err: error, key }, 'refresher: outcomes not refreshed');
      }
      const inWindow = options.backgroundInWindow?.() ?? 0;
      if (inWindow > counts.peakWindow) counts.peakWindow = inWindow;
      if (inWindow > peak) {
        peak = inWindow;
        refreshWindowPeak.set(peak);
      }
      outcomesLeft -= 1;
      refreshBacklog.set({ kind: 'outcomes' }, outcomesLeft);
      if (index < options.hotKeys) hotLeft -= 1;
      checkHot();
    }, () => stopped);
    checkHot();
    await Promise.all([reviews, outcomes]);
    markHot();
    options.logger.info({ trainings: keys.trainings, outcomes: counts.outcomes, reviews: counts.reviews, failed: counts.failed }, 'refresher: pass done');
    return counts;
  }

  const pass = (): Promise<PassCounts> => {
    running ??= runPass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void pass().finally(schedule), options.intervalSeconds * 1000);
    timer.unref();
  };

  return {
    hot,
    pass,
    start: () => void pass().finally(schedule),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      markHot();
    },
  };
}
