import { isAppError, toGraphQLError } from '../../../../lib/errors/index.js';
import type { Resolvers } from '../generated/resolvers.js';

type AnyFunction = (...args: never[]) => unknown;

const translate = (error: unknown): never => {
  throw isAppError(error) ? toGraphQLError(error) : error;
};

/** Sync resolvers stay sync (no promise per money field); async ones get a rejection handler. */
function rethrowing(run: () => unknown): unknown {
  try {
    const result = run();
    return result instanceof Promise ? result.catch(translate) : result;
  } catch (error) {
    return translate(error);
  }
}

/**
 * Throws every AppError as lib/errors' GraphQLError (code and argument in `extensions`), so the
 * mask finds the code even when the executing graphql is another module instance than ours
 * (`@apollo/subgraph` loads graphql's CommonJS build; vitest loads its ESM build, and
 * `instanceof GraphQLError` fails across the two).
 */
export function withAppErrors(resolvers: Resolvers): Resolvers {
  const wrapped: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (typeof fields !== 'object' || fields === null) {
      wrapped[typeName] = fields;
      continue;
    }
    wrapped[typeName] = Object.fromEntries(
      Object.entries(fields as Record<string, unknown>).map(([field, resolver]) => [
        field,
        typeof resolver === 'function' ? (...args: never[]) => rethrowing(() => (resolver as AnyFunction)(...args)) : resolver,
      ]),
    );
  }
  return wrapped as Resolvers;
}
