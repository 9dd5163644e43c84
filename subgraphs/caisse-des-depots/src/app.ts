import type { AuditLog } from '../../../lib/auth/audit.js';
import type { Principal } from '../../../lib/auth/principal.js';
import type { Logger } from '../../../lib/logging/index.js';
import { repoPath } from '../../../lib/paths.js';
import { startSubgraph, type RunningSubgraph } from '../../../lib/server/subgraph.js';
import type { Readiness } from '../../../lib/server/http.js';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Context } from './context.js';
import { createAccessPolicy } from './domain/access.policy.js';
import type { CatalogueRepository } from './domain/catalogue.js';
import type { RightsRepository } from './domain/rights.js';
import type { RuleParameters } from './domain/rules/parameters.js';
import { createConsentLoader, type ConsentLookup } from './loaders/consent.loader.js';
import { createEligibilityLoader } from './loaders/eligibility.loader.js';
import { createMovementsLoader, createRequestRightsMemo, createRightsLoader } from './loaders/rights.loader.js';
import { resolvers } from './resolvers/index.js';

export const SUBGRAPH_NAME = 'caisse-des-depots';

export interface CdcSubgraphDeps {
  rights: RightsRepository;
  catalogue: CatalogueRepository;
  consent: ConsentLookup;
  audit: Pick<AuditLog, 'append'>;
  principalFrom: (authorization: string | undefined) => Promise<Principal>;
  parameters: RuleParameters;
  /** The date rules are evaluated at; defaults to today in France. */
  today?: () => string;
  readiness?: () => Promise<Readiness>;
  logger?: Logger;
  introspection?: boolean;
}

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
export const todayInFrance = (): string => PARIS_DATE.format(new Date());

/** Builds and starts the subgraph; `main.ts` passes real clients, tests pass fakes or the simulator. */
export async function createCaisseDesDepotsSubgraph(deps: CdcSubgraphDeps, listenOn: { port: number; host: string }): Promise<RunningSubgraph> {
  const today = deps.today ?? todayInFrance;
  // Rights read once per gateway request, across its fetches to this subgraph (loaders/rights.loader.ts).
  const requestRights = createRequestRightsMemo({ ttlMs: 10_000, maxRequests: 2_000 });
  return await startSubgraph<Context>(
    {
      name: SUBGRAPH_NAME,
      schemaPath: repoPath('subgraphs', 'caisse-des-depots', 'schema.graphql'),
      resolvers: resolvers as GraphQLResolverMap<Context>,
      principalFrom: deps.principalFrom,
      ...(deps.readiness ? { readiness: deps.readiness } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.introspection === undefined ? {} : { introspection: deps.introspection }),
      extendContext: (base) => {
        const consent = createConsentLoader(deps.consent, base.authorization);
        return {
          ...base,
          loaders: {
            rights: createRightsLoader(deps.rights, requestRights.forRequest(base.requestId, base.authorization)),
            movements: createMovementsLoader(deps.rights),
            eligibility: createEligibilityLoader(deps.catalogue),
          },
          access: createAccessPolicy({
            principal: base.principal,
            consentScopes: async (workerId) => (await consent.load(workerId)) ?? new Set(),
            audit: deps.audit,
            requestId: base.requestId,
          }),
          rules: { parameters: deps.parameters, today: today() },
        };
      },
    },
    { port: listenOn.port, host: listenOn.host, portVariable: 'CDC_SUBGRAPH_PORT' },
  );
}
