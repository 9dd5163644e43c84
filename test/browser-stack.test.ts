import { afterAll } from 'vitest';
import { browserStack } from './browser/browser-stack.js';

/**
 * The three browser suites (Debian Chromium via playwright-core) on one stack
 * (test/browser/browser-stack.ts), in this order: a front-end on another origin (CORS), the
 * explorer's "Act as" picker, then Mon CPA screen by screen (it switches a France Travail fault
 * on, and off again).
 */
import './browser/cors.stack.suite.js';
import './clients/explorer.stack.suite.js';
import './web/mon-cpa.suite.js';

afterAll(async () => {
  await browserStack.stop();
});
