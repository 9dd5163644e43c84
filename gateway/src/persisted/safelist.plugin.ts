import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { ErrorCode, GENERIC_MESSAGES } from '../../../lib/errors/index.js';
import { operationId, type Safelist } from './manifest.js';

/**
 * `PERSISTED_OPERATIONS=safelist` (issue #12 item 4): only the operations of the manifest run. A
 * document that is not listed is refused with 400 PERSISTED_QUERY_NOT_LISTED once it has parsed and
 * passed the (linear) limits, before any execution or registration; nothing is stored.
 */
export function safelistPlugin<Ctx extends BaseContext>(safelist: Safelist): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          if (safelist.has(operationId(document))) return;
          throw new GraphQLError(GENERIC_MESSAGES.PERSISTED_QUERY_NOT_LISTED, {
            extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_LISTED, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/**
 * The APQ store in safelist mode: reads come from the manifest (a client may send only the hash of
 * a listed body), writes are dropped — no client can add anything.
 */
export function safelistCache(safelist: Safelist): KeyValueCache<string> {
  const id = (key: string) => key.replace(/^apq:/, '');
  return {
    get: async (key) => safelist.body(id(key)),
    set: async () => undefined,
    delete: async () => undefined,
  };
}
