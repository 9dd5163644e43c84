import type { SubgraphContext } from '../../../lib/server/subgraph.js';

/** Per-request context of this subgraph: the verified principal plus this request's loaders. */
export interface Context extends SubgraphContext {
  loaders: Record<string, never>;
}
