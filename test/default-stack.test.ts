import { afterAll } from 'vitest';
import { stopSharedStack } from './shared-stack.js';

/**
 * The whole-stack suites that run on the default configuration, on one stack (test/shared-stack.ts),
 * in this order: the journeys first (they count a query on a cold cache), the operators' quirks
 * last (they switch the simulators' faults on, and off again when done).
 */
import './journeys.stack.suite.js';
import './caisse-des-depots.stack.suite.js';
import './training-catalog.stack.suite.js';
import './france-travail.stack.suite.js';
import './stack.suite.js';
import './clients/clients.stack.suite.js';
import './quirks.stack.suite.js';

afterAll(async () => {
  await stopSharedStack();
});
