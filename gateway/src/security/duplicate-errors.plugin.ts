import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * One error per distinct failure. Errors identical in path, message and extensions are sent
 * once:
 * - validation (issue #12 item 8, no path): graphql-js reports an unknown directive once per
 *   occurrence, so `@x @x @x …` answered ten identical errors for ten copies;
 * - a shared root field (`me`, resolved by caisse-des-depots and france-travail at once, issue #15
 *   point 3): both refuse an anonymous caller the same way, which is one error at `me`, not two.
 * Errors that differ in anything, their path included (each list item has its own), are all kept.
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
            const key = JSON.stringify([error.path ?? null, error.message, error.extensions ?? null]);
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
