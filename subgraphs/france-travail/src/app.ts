import type { AuditLog, ConsentClient, Principal } from '../../../lib/auth/index.js';
import type { Logger } from '../../../lib/logging/index.js';
import { repoPath } from '../../../lib/paths.js';
import type { Readiness } from '../../../lib/server/http.js';
import { startSubgraph, type RunningSubgraph } from '../../../lib/server/subgraph.js';
import type { Context } from './context.js';
import { createJobSeekerAccess } from './domain/access.policy.js';
import type { Repositories } from './domain/repositories.js';
import { createLoaders } from './loaders/index.js';
import { resolvers } from './resolvers/index.js';

export interface FranceTravailDeps {
  repositories: Repositories;
  principalFrom: (authorization: string | undefined) => Promise<Principal>;
  consent: ConsentClient;
  audit: AuditLog;
  readiness?: () => Promise<Readiness>;
  logger?: Logger;
}

/** The france-travail subgraph on `port` (0 = any free port): what main.ts and the tests start. */
export async function createFranceTravailSubgraph(deps: FranceTravailDeps, listenOn: { port: number; host: string }): Promise<RunningSubgraph> {
  return await startSubgraph<Context>(
    {
      name: 'france-travail',
      schemaPath: repoPath('subgraphs', 'france-travail', 'schema.graphql'),
      resolvers: resolvers as never,
      principalFrom: deps.principalFrom,
      extendContext: (base) => {
        const loaders = createLoaders(deps.repositories, deps.consent, base.authorization);
        return {
          ...base,
          loaders,
          repositories: deps.repositories,
          access: createJobSeekerAccess({ principal: base.principal, consentScopes: (workerId) => loaders.consent.load(workerId), audit: deps.audit, requestId: base.requestId }),
        };
      },
      ...(deps.readiness ? { readiness: deps.readiness } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
    },
    { ...listenOn, portVariable: 'FT_SUBGRAPH_PORT' },
  );
}
