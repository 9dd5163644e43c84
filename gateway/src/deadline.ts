import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { ErrorCode, GENERIC_MESSAGES } from '../../lib/errors/index.js';
import { remainingBudgetMs } from '../../lib/budget/index.js';

/** Time the gateway keeps for itself (merging, serialising): the subgraph gets the rest of the budget minus this. */
export const GATEWAY_RESERVE_MS = 50;

/** Milliseconds to grant a subgraph fetch now (0 when the budget is spent). */
export function subgraphBudgetMs(): number {
  const left = remainingBudgetMs();
  return Number.isFinite(left) ? Math.max(0, Math.floor(left - GATEWAY_RESERVE_MS)) : 0;
}

/**
 * The answer for a subgraph fetch cut by the request's deadline: no data, one UPSTREAM_TIMEOUT
 * per field the fetch was asked for, each with its `path`, so a client sees which fields are
 * missing while the gateway merges the other subgraphs' data. Entity fetches (`_entities`) get
 * one error per representation; the gateway rewrites those paths to where the entities sit.
 */
export function timedOutFetch(query: string | undefined, variables: Record<string, unknown> | undefined, subgraph: string): GatewayGraphQLResponse {
  const extensions = { code: ErrorCode.UPSTREAM_TIMEOUT, subgraph };
  const message = GENERIC_MESSAGES.UPSTREAM_TIMEOUT;
  const operation = query ? parse(query).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION) : undefined;
  const fields = (operation?.selectionSet.selections ?? []).flatMap((selection) => (selection.kind === Kind.FIELD ? [(selection.alias ?? selection.name).value] : []));
  const errors = fields.flatMap((field) => {
    if (field !== '_entities') return [{ message, path: [field], extensions }];
    const representations = Array.isArray(variables?.['representations']) ? variables['representations'] : [];
    return representations.map((_, index) => ({ message, path: [field, index], extensions }));
  });
  return { data: null, errors: errors.length > 0 ? errors : [{ message, extensions }] };
}
