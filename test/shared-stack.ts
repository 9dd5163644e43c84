import type { StackOptions } from '../scripts/stack.js';
import { startTestStack, type TestStack } from './stack.js';

/**
 * One stack shared by several whole-stack suites run from one test file, one after another, in the
 * order that file imports them: a stack start costs ~20 CPU-s (five processes, the catalogue
 * ingested), so suites that need the same configuration share one. The first suite's `beforeAll`
 * starts it (`get`), the test file's `afterAll` stops it (`stop`). Each suite counts upstream calls
 * from its own reset and cleans up the faults it sets.
 */
export interface SharedStack {
  get: () => Promise<TestStack>;
  stop: () => Promise<void>;
}

export function sharedTestStack(options: () => Promise<Omit<StackOptions, 'ports'>> = async () => ({})): SharedStack {
  let running: Promise<TestStack> | undefined;
  return {
    get: async () => await (running ??= options().then(startTestStack)),
    stop: async () => {
      const started = running;
      running = undefined;
      await (await started)?.stop();
    },
  };
}

/**
 * The defaults, for test/default-stack.test.ts's seven suites (about a minute of CI saved on two
 * cores). None relies on a cache another suite left empty, except the journeys, which run first
 * (their first query is counted on a cold cache).
 */
const defaults = sharedTestStack();
export const sharedStack = defaults.get;
export const stopSharedStack = defaults.stop;
