import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { counter } from '../../lib/metrics/index.js';
import { currentRequestId, markStale, staleSources } from '../../lib/logging/index.js';
import { recordSource, sourcesSeen, type SourceRecord } from '../../lib/provenance/sources.js';
import type { GatewayContext } from './context.js';
import { operationKey } from './operation-key.js';

/**
 * Identical client operations in flight at the same moment run once (issue #15): a query whose
 * caller's `authorization` header, operation name, document and variables equal those of one
 * already executing waits for that one's answer instead of planning and fetching its own — the
 * subgraph fetcher's merging (subgraph-fetcher.ts), one level up.
 *
 * - **Never across principals**: the key holds the caller's whole `authorization` header (none for
 *   anonymous callers), so a personal answer only reaches the caller whose token asked for it.
 * - **Not a cache**: only the answer in flight is shared; the entry goes as the answer leaves.
 * - **Every request is still a request**: parsing, validation, the query limits, the safelist, the
 *   rate limits and the response cache all run for each one before this plugin is asked (it is the
 *   last `responseForOperation`). A merged answer is a copy (parsed anew from the first request's
 *   text), with the errors' `requestId` set to its own request's, its operators' sources and stale
 *   flags replayed into its own log, and the same cache policy.
 * - A caller waits no longer than its own budget: past it, it executes on its own.
 * - Mutations and subscriptions are never merged.
 */
export interface OperationMergeOptions {
  /** How long a request may wait on an identical one, in ms (the request budget). */
  maxWaitMs: number;
}

interface Shared {
  /** `data` and `errors` of the first request's answer, as JSON. */
  text: string;
  /** The first request's own provenance and stale logs, which its `extensions` are written from. */
  sources: SourceRecord[];
  stale: string[];
  policy: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' } | null;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

const merged = counter({
  name: 'gateway_operations_merged_total',
  help: 'Client operations answered by an identical operation (same authorization, document and variables) already executing',
});

const principalPart = (context: GraphQLRequestContext<GatewayContext>): string => {
  const authorization = 'authorization' in context.contextValue ? context.contextValue.authorization : undefined;
  return authorization === undefined ? 'anonymous' : `authorization:${authorization}`;
};

/** Waits for the first request's answer, or undefined once this request's own wait is over. */
async function within(pending: Promise<Shared | undefined>, ms: number): Promise<Shared | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const over = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([pending, over]);
  } finally {
    clearTimeout(timer);
  }
}

/** One operation under way: its answer-to-be, and how many identical requests wait on it. */
interface InFlight {
  answer: Promise<Shared | undefined>;
  waiters: number;
}

export function operationMergePlugin(options: OperationMergeOptions): ApolloServerPlugin<GatewayContext> {
  const inFlight = new Map<string, InFlight>();
  return {
    async requestDidStart() {
      let lead: { key: string; entry: InFlight; resolve: (shared: Shared | undefined) => void; timer: NodeJS.Timeout } | undefined;
      return {
        async responseForOperation(context) {
          const key = operationKey(context, principalPart(context));
          if (key === undefined) return null;
          const pending = inFlight.get(key);
          if (pending === undefined) {
            let resolve: (shared: Shared | undefined) => void = () => undefined;
            const entry: InFlight = { answer: new Promise<Shared | undefined>((done) => (resolve = done)), waiters: 0 };
            inFlight.set(key, entry);
            // Should this request never reach willSendResponse, its entry goes anyway and its followers run on their own.
            const timer = setTimeout(() => {
              if (inFlight.get(key) === entry) inFlight.delete(key);
              resolve(undefined);
            }, options.maxWaitMs).unref();
            lead = { key, entry, resolve, timer };
            return null;
          }
          pending.waiters += 1;
          const shared = await within(pending.answer, options.maxWaitMs);
          if (shared === undefined) return null;
          merged.inc();
          const answer = JSON.parse(shared.text) as Answer;
          const requestId = currentRequestId();
          // The followers' own plugins write `extensions` from their own logs: the first request's replayed.
          for (const record of shared.sources) recordSource(record);
          for (const source of shared.stale) markStale(source);
          context.overallCachePolicy.restrict(shared.policy ?? { maxAge: 0 });
          const errors = answer.errors?.map((error) =>
            requestId !== undefined && error.extensions?.['requestId'] !== undefined ? { ...error, extensions: { ...error.extensions, requestId } } : error,
          );
          return {
            http: context.response.http,
            body: { kind: 'single', singleResult: { ...(answer.data !== undefined ? { data: answer.data } : {}), ...(errors ? { errors } : {}) } },
          };
        },
        async willSendResponse(context) {
          if (lead === undefined) return;
          const { key, entry, resolve, timer } = lead;
          lead = undefined;
          clearTimeout(timer);
          if (inFlight.get(key) === entry) inFlight.delete(key);
          const body = context.response.body;
          // No request joined while this one ran, and none can now (the entry is gone): nothing to
          // serialise. With varied traffic this is most requests.
          if (entry.waiters === 0) {
            resolve(undefined);
            return;
          }
          if (body.kind !== 'single') {
            // Nothing to share (incremental delivery): the waiting requests execute on their own.
            resolve(undefined);
            return;
          }
          const { data, errors } = body.singleResult;
          const policy = context.overallCachePolicy.policyIfCacheable();
          resolve({
            text: JSON.stringify({ data, errors }),
            sources: sourcesSeen(),
            stale: staleSources(),
            policy: policy ? { maxAge: policy.maxAge, scope: policy.scope } : null,
          });
        },
      };
    },
  };
}
