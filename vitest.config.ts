import { defineConfig } from 'vitest/config';
import LongestFirst from './test/sequencer.js';

export default defineConfig({
  // Apollo loads graphql's CommonJS build; without this alias our files would get the ESM
  // build under vitest, and graphql refuses to mix two copies of itself.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    // Long files first (test/sequencer.ts): CI's clean clone has no cached durations to order by.
    sequence: { sequencer: LongestFirst },
  },
});
