import type { Cache } from '../../../../lib/cache/index.js';
import type { kindsFromConfig } from '../../../../lib/cache/index.js';

/** The subgraph's cache: `reference` (ROME), `offers`, `catalogue` (companies, outcomes, reviews), `personal`. */
export type FtCache = Cache<ReturnType<typeof kindsFromConfig>>;
