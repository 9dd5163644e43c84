import type { SubgraphContext } from '../../../lib/server/subgraph.js';
import type { JobSeekerAccess } from './domain/access.policy.js';
import type { Repositories } from './domain/repositories.js';
import type { Loaders } from './loaders/index.js';

/** Per-request context of this subgraph: the verified principal, this request's loaders and its access policy. */
export interface Context extends SubgraphContext {
  loaders: Loaders;
  access: JobSeekerAccess;
  /** For searches (not lookups by key), which are not batched. */
  repositories: Repositories;
}
