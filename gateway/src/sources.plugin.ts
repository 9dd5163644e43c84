import type { ApolloServerPlugin } from '@apollo/server';
import { sourcesExtension } from '../../lib/provenance/sources.js';
import type { GatewayContext } from './context.js';

/**
 * `extensions.sources` on every response that used an operator's data: per operator, the oldest
 * fetch behind the answer, its TTL and whether it was served stale (issue #17). The subgraphs'
 * logs arrive through the data source (`x-cpa-sources`); none of them means no operator was asked.
 */
export const sourcesPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const sources = sourcesExtension();
        if (sources.length === 0 || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sources };
      },
    };
  },
};
