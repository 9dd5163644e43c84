import { startTestStack, type TestStack } from './stack.js';

/**
 * One stack on the defaults for the whole-stack suites of test/default-stack.test.ts, which need
 * nothing else: a stack start costs ~20 CPU-s (five processes, the catalogue ingested), so one for
 * seven suites saves CI over a minute on two cores. The suites run one after another on it, in the
 * order that file imports them. Each counts upstream calls from its own reset; none relies on a
 * cache another suite left empty, except the journeys, which run first (their first query is
 * counted on a cold cache). The stack is started by the first suite's `beforeAll` and stopped by
 * the file's `afterAll`.
 */
let shared: Promise<TestStack> | undefined;

export const sharedStack = async (): Promise<TestStack> => await (shared ??= startTestStack());

export async function stopSharedStack(): Promise<void> {
  const running = shared;
  shared = undefined;
  await (await running)?.stop();
}
