import { freePort } from '../../lib/testing/ports.js';
import { sharedTestStack } from '../shared-stack.js';

/**
 * The stack of the three browser suites (test/browser-stack.test.ts: a page on another origin, the
 * explorer, Mon CPA), each driving its own Debian Chromium. One configuration serves all three:
 * - CORS for the cross-origin suite's page, `http://localhost:<corsPagePort>` only (`127.0.0.1` on
 *   the same port is another origin), preflights cached 600 s;
 * - cost budgets raised: the budget is under test in test/security (egress, rate limit); here one
 *   person clicks through every screen, or runs query after query in the explorer, from one loopback
 *   address within a minute on a loaded CI machine, where the estimates of requests still in flight
 *   (not yet settled to their actual cost) add up: the transition-plan screen's paths request, with
 *   every rule's texts, is estimated at ~2,250.
 */
let pagePort: Promise<number> | undefined;
export const corsPagePort = async (): Promise<number> => await (pagePort ??= freePort());

export const browserStack = sharedTestStack(async () => ({
  readyTimeoutMs: 240_000,
  env: {
    CORS_ORIGINS: `http://localhost:${await corsPagePort()}`,
    CORS_MAX_AGE_SECONDS: '600',
    RATE_LIMIT_COST_ANONYMOUS: '200000',
    RATE_LIMIT_COST_WORKER: '200000',
    RATE_LIMIT_COST_PARTNER: '200000',
  },
}));
