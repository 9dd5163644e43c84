import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ParseOptions, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import { AppError, ErrorCode } from '../errors/index.js';
import { counter } from '../metrics/index.js';
import { estimateCost } from './cost.js';
import type { ListSizeHints } from './list-size.js';
import { maxOperationsRule, maxRootFieldsRule } from './rules.js';

/** Query limits, every one overridable by its variable; the defaults fit the graph's documented queries. */
export interface QueryLimits {
  maxDepth: number;
  /** Every alias counts, `__typename` included: an alias flood on a free field still costs a response. */
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /**
   * Selections counted with every fragment spread expanded (Apollo Server's `maxRecursiveSelections`,
   * memoised per fragment): bounds the work of validation and planning for fragment bombs.
   */
  maxRecursiveSelections: number;
  /** Items assumed for a list or connection when the query gives no `first`/`last` (the paging default). */
  defaultListSize: number;
  maxVariablesBytes: number;
  maxOperations: number;
  /** Introspection fields are exempt from depth and cost only when introspection is on at all. */
  introspection: boolean;
}

export interface QueryLimitsProtection {
  /** Run by Apollo's validation, before any query plan exists (and cached with the document). */
  validationRules: ValidationRule[];
  /** The token limit: graphql-js stops lexing past `maxTokens`, so a token flood is never fully parsed. */
  parseOptions: ParseOptions;
  /** Cost and variables size: they depend on the variables, so they run per request, still before execution. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** Apollo Server's own linear, fragment-memoised count of expanded selections (its constructor option). */
  maxRecursiveSelections: number;
  /** The estimated cost the limit applies, remembered per schema, document and numeric variables (the gateway's budget charges it too). */
  estimate: (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined) => number;
}

const rejections = counter<'limit'>({
  name: 'gateway_query_limit_rejections_total',
  help: 'Operations refused by a query limit before execution (gateway, or a subgraph as a second line)',
  labelNames: ['limit'],
});

/**
 * graphql-armor rules throw by default when used as bare validation rules (Apollo turns that into a
 * 500); reporting to the validation context makes them ordinary 400 validation errors instead.
 */
const report =
  (limit: string): GraphQLArmorRejectCallback =>
  (context, error) => {
    rejections.inc({ limit });
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
  };

/** What armor needs to report instead of throw; its messages state the limit (limits are public configuration). */
const armor = (limit: string) => ({ propagateOnRejection: false, onReject: [report(limit)], exposeLimits: true });

/** Refuses before execution: a 400 with BAD_USER_INPUT, and not a single subgraph fetch. */
function refuse(limit: string, message: string): GraphQLError {
  rejections.inc({ limit });
  const cause = new AppError(ErrorCode.BAD_USER_INPUT, message);
  return new GraphQLError(message, { originalError: cause, extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

const estimates = counter({
  name: 'query_cost_estimates_total',
  help: 'Static cost estimates computed (a document already priced with the same counts is not estimated again)',
});

/**
 * The cost of an operation depends on its document and, through `first: $n`, on its numeric
 * variables only (lib/limits/cost.ts ignores any other value). Apollo hands every request with the
 * same query text the same parsed document, so the estimate is remembered per document object and
 * per numeric-variables key: a document is priced once, not once per request.
 */
function costMemo(estimate: (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined) => number) {
  const byDocument = new WeakMap<DocumentNode, LRUCache<string, number>>();
  return (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): number => {
    const numeric = Object.entries(variables ?? {})
      .filter(([, value]) => typeof value === 'number')
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const key = `${operation.name?.value ?? ''}\n${JSON.stringify(numeric)}`;
    let costs = byDocument.get(document);
    if (!costs) {
      costs = new LRUCache<string, number>({ max: 64 });
      byDocument.set(document, costs);
    }
    const known = costs.get(key);
    if (known !== undefined) return known;
    estimates.inc();
    const cost = estimate(document, operation, variables);
    costs.set(key, cost);
    return cost;
  };
}

/** " Did you mean …?" names schema members; without introspection a client must not learn them this way. */
const SUGGESTION = / ?Did you mean .+\?$/s;

/** `listSizes`: the SDL's `@listSize` hints (lib/limits/list-size.ts) — the supergraph's at the gateway, its own at a subgraph. */
export function queryLimits(limits: QueryLimits, options: { listSizes?: ListSizeHints } = {}): QueryLimitsProtection {
  const validationRules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: limits.introspection, ...armor('depth') }),
    // No allow-list: armor exempts `__typename` by default, which lets `a1: __typename … a9999: __typename` through.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...armor('aliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armor('directives') }),
    maxRootFieldsRule(limits.maxRootFields),
    maxOperationsRule(limits.maxOperations),
  ];

  const memo = new WeakMap<GraphQLSchema, ReturnType<typeof costMemo>>();
  const estimate: QueryLimitsProtection['estimate'] = (schema, document, operation, variables) => {
    // One memo per schema (a new supergraph prices afresh).
    let priced = memo.get(schema);
    if (!priced) {
      priced = costMemo((doc, op, vars) =>
        estimateCost({
          schema,
          document: doc,
          operation: op,
          variables: vars,
          defaultListSize: limits.defaultListSize,
          ignoreIntrospection: limits.introspection,
          ...(options.listSizes ? { listSizes: options.listSizes } : {}),
        }),
      );
      memo.set(schema, priced);
    }
    return priced(document, operation, variables);
  };
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          const variablesBytes = request.variables ? Buffer.byteLength(JSON.stringify(request.variables)) : 0;
          if (variablesBytes > limits.maxVariablesBytes) {
            throw refuse('variables', `Variables limit of ${limits.maxVariablesBytes} bytes exceeded, found ${variablesBytes}.`);
          }
          if (!operation) return;
          const cost = estimate(schema, document, operation, request.variables);
          if (cost > limits.maxCost) throw refuse('cost', `Query cost limit of ${limits.maxCost} exceeded, estimated ${cost}.`);
        },
        async didEncounterErrors({ errors }) {
          if (limits.introspection) return;
          // Validation suggestions are removed by Apollo (hideSchemaDetailsFromClientErrors); this also
          // covers variable-coercion errors raised at execution, e.g. a misspelt enum value.
          for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
        },
      };
    },
  };

  return { validationRules, parseOptions: { maxTokens: limits.maxTokens }, plugin, maxRecursiveSelections: limits.maxRecursiveSelections, estimate };
}
