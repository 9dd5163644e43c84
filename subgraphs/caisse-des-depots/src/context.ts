import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../../../lib/server/subgraph.js';
import type { AccessPolicy } from './domain/access.policy.js';
import type { MovementPage, WorkerRights } from './domain/rights.js';
import type { RuleParameters } from './domain/rules/parameters.js';
import type { MovementsKey } from './loaders/rights.loader.js';

/** This request's loaders: created per request, never shared (Redis is the cross-request cache). */
export interface CdcLoaders {
  rights: DataLoader<string, WorkerRights | null>;
  movements: DataLoader<MovementsKey, MovementPage | null, string>;
  eligibility: DataLoader<string, boolean | null>;
}

/** Per-request context of this subgraph: the verified principal plus this request's loaders and policy. */
export interface Context extends SubgraphContext {
  loaders: CdcLoaders;
  access: AccessPolicy;
  rules: {
    parameters: RuleParameters;
    /** Today in France (Europe/Paris), ISO: the date rules are evaluated at. */
    today: string;
  };
}
