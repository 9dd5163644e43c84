import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { counter, histogram } from '../metrics/index.js';

/**
 * Operation names are client-chosen: each new one would add series forever (issue #12). The
 * first `max` distinct names are kept as labels, every later one is counted as `other`.
 */
export function boundedOperationLabel(max: number): (name: string) => string {
  const known = new Set<string>();
  return (name) => {
    const label = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'other';
    if (known.has(label)) return label;
    if (known.size >= max) return 'other';
    known.add(label);
    return label;
  };
}

/**
 * Request count and duration by operation name (bounded, see above) and outcome (ok, error, rejected).
 * With `registeredNames` (the persisted-operation safelist), only those names are labels, all else `other`.
 */
export function metricsPlugin<Ctx extends BaseContext>(service: string, maxOperationNames = 100, registeredNames?: ReadonlySet<string>): ApolloServerPlugin<Ctx> {
  const bounded = boundedOperationLabel(maxOperationNames);
  const label = registeredNames ? (name: string) => (registeredNames.has(name) ? name : 'other') : bounded;
  const requests = counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation and outcome', labelNames: ['service', 'operation', 'outcome'] });
  const duration = histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation and outcome',
    labelNames: ['service', 'operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return {
    async requestDidStart() {
      const stop = process.hrtime.bigint();
      let rejected = false;
      return {
        async didEncounterErrors(requestContext) {
          if (!requestContext.operation) rejected = true;
        },
        async willSendResponse(requestContext) {
          const operation = requestContext.operationName ?? requestContext.operation?.name?.value ?? 'anonymous';
          const body = requestContext.response.body;
          const hasErrors = body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0;
          const outcome = rejected ? 'rejected' : hasErrors ? 'error' : 'ok';
          // A refused operation never gets its own label: only names of operations that ran are kept.
          const labels = { service, operation: rejected ? 'rejected' : label(operation), outcome };
          requests.inc(labels);
          duration.observe(labels, Number(process.hrtime.bigint() - stop) / 1e9);
        },
      };
    },
  };
}
