import { isAppError, toGraphQLError } from '../../../../lib/errors/index.js';
import type { Resolvers } from '../generated/resolvers.js';

type AnyFunction = (...args: never[]) => unknown;

const translate = (error: unknown): never => {
  throw isAppError(error) ? toGraphQLError(error) : error;
};

function rethrowing(run: () => unknown): unknown {
  try {
    const result = run();
    return result instanceof Promise ? result.catch(translate) : result;
  } catch (error) {
    return translate(error);
  }
}

/**
 * Throws every AppError as lib/errors' GraphQLError, so the mask finds its code even when the
 * executing graphql is another module instance than ours (@apollo/subgraph loads graphql's
 * CommonJS build, vitest its ESM build, and `instanceof GraphQLError` fails across the two).
 * The same wrapper exists in the other subgraphs: it belongs in lib/errors (see the report).
 */
export function withAppErrors(resolvers: Resolvers): Resolvers {
  const wrapped: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    wrapped[typeName] =
      typeof fields === 'object' && fields !== null
        ? Object.fromEntries(
            Object.entries(fields as Record<string, unknown>).map(([field, resolver]) => [
              field,
              typeof resolver === 'function' ? (...args: never[]) => rethrowing(() => (resolver as AnyFunction)(...args)) : resolver,
            ]),
          )
        : fields;
  }
  return wrapped as Resolvers;
}
