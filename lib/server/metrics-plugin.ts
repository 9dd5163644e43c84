import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

function histogram(name: string, help: string, labelNames: string[]): Histogram {
  return (
    (register.getSingleMetric(name) as Histogram | undefined) ??
    new Histogram({ name, help, labelNames, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] })
  );
}

/** Request count and duration by operation name and outcome (ok, error, rejected). */
export function metricsPlugin<Ctx extends BaseContext>(service: string): ApolloServerPlugin<Ctx> {
  const requests = counter('graphql_requests_total', 'GraphQL requests by operation and outcome', ['service', 'operation', 'outcome']);
  const duration = histogram('graphql_request_duration_seconds', 'GraphQL request duration by operation and outcome', ['service', 'operation', 'outcome']);
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
