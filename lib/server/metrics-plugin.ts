import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { counter, histogram } from '../metrics/index.js';

/** Request count and duration by operation name and outcome (ok, error, rejected). */
export function metricsPlugin<Ctx extends BaseContext>(service: string): ApolloServerPlugin<Ctx> {
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
          const labels = { service, operation: operation.slice(0, 64), outcome };
          requests.inc(labels);
          duration.observe(labels, Number(process.hrtime.bigint() - stop) / 1e9);
        },
      };
    },
  };
}
