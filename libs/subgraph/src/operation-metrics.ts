import type { ApolloServerPlugin } from '@apollo/server';
import type { ServiceMetrics } from '@crm/service-runtime';

/** Per-operation outcome counts and root-resolver latency: what an on-call engineer looks at first. */
export function operationMetricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin {
  const operations = metrics.counter('graphql_operations_total', 'GraphQL operations by name and outcome', [
    'operation',
    'outcome',
  ]);
  const rootResolvers = metrics.histogram('graphql_root_resolver_duration_seconds', 'Root field resolver duration', [
    'field',
  ]);
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              if (info.path.prev !== undefined) return;
              const stop = rootResolvers.startTimer({ field: `${info.parentType.name}.${info.fieldName}` });
              return () => stop();
            },
          };
        },
        async willSendResponse({ operationName, errors }) {
          operations.inc({ operation: operationName ?? 'anonymous', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
