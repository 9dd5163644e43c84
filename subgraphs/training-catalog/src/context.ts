import type { SubgraphContext } from '../../../lib/server/subgraph.js';
import type { CatalogLoaders } from './loaders/catalog.loaders.js';
import type { References } from './infra/reference/references.js';

/** Per-request context of this subgraph: the verified principal plus this request's loaders. */
export interface Context extends SubgraphContext {
  /** Loaders over the index captured when the request started (one consistent catalogue per request). */
  loaders: CatalogLoaders;
  references: References;
}
