import type { AuditLog, ConsentClient, Principal } from '../../../lib/auth/index.js';
import { createRequestMemo, type RequestMemo } from '../../../lib/loader/request-memo.js';
import type { Logger } from '../../../lib/logging/index.js';
import { repoPath } from '../../../lib/paths.js';
import type { Readiness } from '../../../lib/server/http.js';
import { startSubgraph, type RunningSubgraph, type SubgraphContext } from '../../../lib/server/subgraph.js';
import type { Context } from './context.js';
import { createJobSeekerAccess } from './domain/access.policy.js';
import type { JobSeeker } from './domain/job-seeker.js';
import type { Repositories } from './domain/repositories.js';
import { createLoaders } from './loaders/index.js';
import { jobSeekersResolvers, resolvers } from './resolvers/index.js';

export interface FranceTravailDeps {
  repositories: Repositories;
  principalFrom: (authorization: string | undefined) => Promise<Principal>;
  consent: ConsentClient;
  audit: AuditLog;
  /**
   * The job-seeker statuses read by this process per gateway request, shared by its two subgraphs
   * (`createStatusReads` makes one): `me { jobSeeker }` (job-seekers) and `recommendedJobOffers`
   * (france-travail) of one request read the status once.
   */
  statusReads: RequestMemo<JobSeeker>;
  readiness?: () => Promise<Readiness>;
  logger?: Logger;
}

/** The memo of `FranceTravailDeps.statusReads`: a request's budget long, a few thousand requests at once. */
export function createStatusReads(): RequestMemo<JobSeeker> {
  return createRequestMemo<JobSeeker>('ft.job-seeker', { ttlMs: 10_000, maxRequests: 2_000 });
}

/**
 * This process serves two subgraphs on two ports, over the same repositories, quota and cache:
 * france-travail (public offers, occupations, companies, outcomes, reviews, labour market, and the
 * worker's recommended offers and transitions) and job-seekers (the worker's own situation,
 * job-seekers.graphql). Both build the same per-request context.
 */
function contextOf(deps: FranceTravailDeps): (base: SubgraphContext) => Context {
  return (base) => {
    const loaders = createLoaders(deps.repositories, deps.consent, base.authorization, deps.statusReads.forRequest(base.requestId, base.authorization));
    return {
      ...base,
      loaders,
      repositories: deps.repositories,
      access: createJobSeekerAccess({ principal: base.principal, consentScopes: (workerId) => loaders.consent.load(workerId), audit: deps.audit, requestId: base.requestId }),
    };
  };
}

/** One of the process's two subgraphs on `port` (0 = any free port), with the shared context. */
async function startOne(
  deps: FranceTravailDeps,
  listenOn: { port: number; host: string },
  subgraph: { name: string; schemaFile: string; resolvers: unknown; portVariable: string },
): Promise<RunningSubgraph> {
  return await startSubgraph<Context>(
    {
      name: subgraph.name,
      schemaPath: repoPath('subgraphs', 'france-travail', subgraph.schemaFile),
      resolvers: subgraph.resolvers as never,
      principalFrom: deps.principalFrom,
      extendContext: contextOf(deps),
      ...(deps.readiness ? { readiness: deps.readiness } : {}),
      ...(deps.logger ? { logger: subgraph.name === 'france-travail' ? deps.logger : deps.logger.child({ subgraph: subgraph.name }) } : {}),
    },
    { ...listenOn, portVariable: subgraph.portVariable },
  );
}

/** The france-travail subgraph on `port` (0 = any free port): what main.ts and the tests start. */
export async function createFranceTravailSubgraph(deps: FranceTravailDeps, listenOn: { port: number; host: string }): Promise<RunningSubgraph> {
  return await startOne(deps, listenOn, { name: 'france-travail', schemaFile: 'schema.graphql', resolvers, portVariable: 'FT_SUBGRAPH_PORT' });
}

/** The job-seekers subgraph on `port` (0 = any free port), beside france-travail in the same process. */
export async function createJobSeekersSubgraph(deps: FranceTravailDeps, listenOn: { port: number; host: string }): Promise<RunningSubgraph> {
  return await startOne(deps, listenOn, { name: 'job-seekers', schemaFile: 'job-seekers.graphql', resolvers: jobSeekersResolvers, portVariable: 'JOB_SEEKERS_SUBGRAPH_PORT' });
}
