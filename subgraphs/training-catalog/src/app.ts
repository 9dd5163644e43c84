import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Principal } from '../../../lib/auth/principal.js';
import type { Logger } from '../../../lib/logging/index.js';
import { repoPath } from '../../../lib/paths.js';
import type { Readiness } from '../../../lib/server/http.js';
import { startSubgraph, type RunningSubgraph } from '../../../lib/server/subgraph.js';
import type { Context } from './context.js';
import type { CatalogStore } from './infra/ingestion/catalog-store.js';
import type { References } from './infra/reference/references.js';
import { CATALOG_SERVICE, createCatalogLoaders } from './loaders/catalog.loaders.js';
import { resolvers } from './resolvers/index.js';

export const SUBGRAPH_NAME = CATALOG_SERVICE;

export interface CatalogSubgraphDeps {
  store: Pick<CatalogStore, 'current' | 'lastCounts'>;
  references: References;
  principalFrom: (authorization: string | undefined) => Promise<Principal>;
  logger?: Logger;
  introspection?: boolean;
  /** main.ts adds the JWKS warm-up to the index check (lib/server/readiness.ts). */
  readiness?: () => Promise<Readiness>;
}

/** Builds and starts the subgraph over a catalogue store; `main.ts` passes the real one, tests may pass a fixed index. */
export async function createTrainingCatalogSubgraph(deps: CatalogSubgraphDeps, listenOn: { port: number; host: string }): Promise<RunningSubgraph> {
  return await startSubgraph<Context>(
    {
      name: SUBGRAPH_NAME,
      schemaPath: repoPath('subgraphs', 'training-catalog', 'schema.graphql'),
      resolvers: resolvers as GraphQLResolverMap<Context>,
      principalFrom: deps.principalFrom,
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.introspection === undefined ? {} : { introspection: deps.introspection }),
      // Not ready until the first index is built: the gateway must not route to an empty catalogue.
      readiness: deps.readiness ?? (async () => ({ ready: deps.store.current() !== undefined, details: { counts: deps.store.lastCounts() ?? null } })),
      // The index is captured once per request, so a refresh swapping it mid-query changes nothing for that query.
      extendContext: (base) => ({ ...base, loaders: createCatalogLoaders(deps.store.current()), references: deps.references }),
    },
    { port: listenOn.port, host: listenOn.host, portVariable: 'CATALOG_SUBGRAPH_PORT' },
  );
}
