import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller, ServiceMetrics } from '@crm/service-runtime';

/** Distinct operation names kept as label values; later ones are counted as `other`. */
const MAX_OPERATION_NAMES = 200;

/**
 * Operation names come from the client, so each new name must not become a new series forever:
 * names are bounded in length and number, and only signed-in callers' names take a slot, so an
 * anonymous client cannot use up the labels real operations need.
 */
function operationLabeller(): (name: string | undefined) => string {
  const known = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (known.has(name)) return name;
    if (name.length > 64 || known.size >= MAX_OPERATION_NAMES) return 'other';
    known.add(name);
    return name;
  };
}

/** Per-operation outcome counts and root-resolver latency: what an on-call engineer looks at first. */
export function operationMetricsPlugin(
  metrics: ServiceMetrics,
): ApolloServerPlugin<{ caller: Caller | null }> {
  const operationLabel = operationLabeller();
  const operations = metrics.counter('graphql_operations_total', 'GraphQL operations by name and outcome', [
    'operation',
    'outcome',
  ]);
  const rootResolvers = metrics.histogram(
    'graphql_root_resolver_duration_seconds',
    'Root field resolver duration',
    ['field'],
  );
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
        async willSendResponse({ operationName, errors, contextValue }) {
          operations.inc({
            operation: contextValue.caller ? operationLabel(operationName ?? undefined) : 'unauthenticated',
            outcome: errors?.length ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
