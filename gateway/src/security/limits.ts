import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';
import { AppError, ErrorCode } from '../../../lib/errors/index.js';
import { counter } from '../../../lib/metrics/index.js';
import type { QueryLimits } from './config.js';
import { estimateCost } from './cost.js';
import { maxOperationsRule, maxRootFieldsRule } from './rules.js';

export interface QueryLimitsProtection {
  /** Run by Apollo's validation, before any query plan exists (and cached with the document). */
  validationRules: ValidationRule[];
  /** The token limit: graphql-js stops lexing past `maxTokens`, so a token flood is never fully parsed. */
  parseOptions: ParseOptions;
  /** Cost and variables size: they depend on the variables, so they run per request, still before execution. */
  plugin: ApolloServerPlugin<BaseContext>;
}

const rejections = counter<'limit'>({
  name: 'gateway_query_limit_rejections_total',
  help: 'Operations refused by a query limit before execution',
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

/** " Did you mean …?" names schema members; without introspection a client must not learn them this way. */
const SUGGESTION = / ?Did you mean .+\?$/s;

export function queryLimits(limits: QueryLimits): QueryLimitsProtection {
  const validationRules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: limits.introspection, ...armor('depth') }),
    // No allow-list: armor exempts `__typename` by default, which lets `a1: __typename … a9999: __typename` through.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...armor('aliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armor('directives') }),
    maxRootFieldsRule(limits.maxRootFields),
    maxOperationsRule(limits.maxOperations),
  ];

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          const variablesBytes = request.variables ? Buffer.byteLength(JSON.stringify(request.variables)) : 0;
          if (variablesBytes > limits.maxVariablesBytes) {
            throw refuse('variables', `Variables limit of ${limits.maxVariablesBytes} bytes exceeded, found ${variablesBytes}.`);
          }
          if (!operation) return;
          const cost = estimateCost({
            schema,
            document,
            operation,
            variables: request.variables,
            defaultListSize: limits.defaultListSize,
            ignoreIntrospection: limits.introspection,
          });
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

  return { validationRules, parseOptions: { maxTokens: limits.maxTokens }, plugin };
}
