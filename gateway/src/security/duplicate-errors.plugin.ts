import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * One error per distinct validation failure (issue #12 item 8): graphql-js reports an unknown
 * directive once per occurrence, so `@x @x @x …` answered ten identical errors for ten copies.
 * Errors with no path (parse and validation errors: the request as a whole) that are identical in
 * message and extensions are sent once; field errors (with a path) are never merged.
 */
export function duplicateErrorsPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors || errors.length < 2) return;
          const seen = new Set<string>();
          const kept = errors.filter((error) => {
            if (error.path !== undefined) return true;
            const key = JSON.stringify([error.message, error.extensions ?? null]);
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
          if (kept.length !== errors.length) response.body.singleResult.errors = kept;
        },
      };
    },
  };
}
