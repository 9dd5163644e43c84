import { nonNegativeInt, parseEnv, positiveInt, type EnvSource } from '../config/index.js';
import type { QueryLimits } from './query-limits.js';

/**
 * The subgraphs' own limits (issue #12 point 2): a second line behind the gateway's, for a
 * request that reached a subgraph without going through the gateway's analysis (a leaked
 * secret, a misrouted port). Each is about twice the gateway's default, because the query
 * planner adds a level (`_entities … on Type`) and splits one client operation into fetches.
 */
export function subgraphLimitsFromEnv(env: EnvSource, options: { introspection: boolean }): QueryLimits & { maxBodyBytes: number } {
  const parsed = parseEnv(
    {
      SUBGRAPH_LIMIT_MAX_DEPTH: positiveInt(16),
      SUBGRAPH_LIMIT_MAX_ALIASES: nonNegativeInt(60),
      SUBGRAPH_LIMIT_MAX_ROOT_FIELDS: positiveInt(20),
      SUBGRAPH_LIMIT_MAX_TOKENS: positiveInt(10_000),
      SUBGRAPH_LIMIT_MAX_DIRECTIVES: nonNegativeInt(40),
      SUBGRAPH_LIMIT_MAX_COST: positiveInt(20_000),
      SUBGRAPH_LIMIT_MAX_RECURSIVE_SELECTIONS: positiveInt(4_000),
      SUBGRAPH_MAX_BODY_BYTES: positiveInt(1_000_000),
    },
    env,
  );
  return {
    maxDepth: parsed.SUBGRAPH_LIMIT_MAX_DEPTH,
    maxAliases: parsed.SUBGRAPH_LIMIT_MAX_ALIASES,
    maxRootFields: parsed.SUBGRAPH_LIMIT_MAX_ROOT_FIELDS,
    maxTokens: parsed.SUBGRAPH_LIMIT_MAX_TOKENS,
    maxDirectives: parsed.SUBGRAPH_LIMIT_MAX_DIRECTIVES,
    maxCost: parsed.SUBGRAPH_LIMIT_MAX_COST,
    maxRecursiveSelections: parsed.SUBGRAPH_LIMIT_MAX_RECURSIVE_SELECTIONS,
    defaultListSize: 20,
    // Entity representations travel as variables: bounded by the body limit instead.
    maxVariablesBytes: parsed.SUBGRAPH_MAX_BODY_BYTES,
    maxOperations: 1,
    introspection: options.introspection,
    maxBodyBytes: parsed.SUBGRAPH_MAX_BODY_BYTES,
  };
}
