import type {
  ApolloServerPlugin,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ServiceMetrics, type Caller } from '@crm/service-runtime';
import { operationMetricsPlugin } from './operation-metrics';

/** Drives the plugin the way Apollo Server does at the end of each request. */
type Context = { caller: Caller | null };
const signedIn: Context = { caller: { tenantId: 't', userId: 'u', roles: ['ANALYST'] } };

async function finishRequest(
  plugin: ApolloServerPlugin<Context>,
  operationName: string | undefined,
  failed = false,
  contextValue: Context = signedIn,
) {
  const listener = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<Context>;
  await listener.willSendResponse?.({
    operationName,
    contextValue,
    errors: failed ? [new GraphQLError('boom')] : undefined,
  } as unknown as GraphQLRequestContextWillSendResponse<Context>);
}

async function operationCounts(metrics: ServiceMetrics): Promise<Map<string, number>> {
  const metric = await metrics.registry.getSingleMetric('graphql_operations_total')?.get();
  return new Map(
    (metric?.values ?? []).map(({ labels, value }) => [`${labels.operation}/${labels.outcome}`, value]),
  );
}

describe('operationMetricsPlugin', () => {
  it('counts operations by name and outcome', async () => {
    const metrics = new ServiceMetrics('test');
    const plugin = operationMetricsPlugin(metrics);
    await finishRequest(plugin, 'Accounts');
    await finishRequest(plugin, 'Accounts');
    await finishRequest(plugin, 'Accounts', true);
    await finishRequest(plugin, undefined);
    expect(await operationCounts(metrics)).toEqual(
      new Map([
        ['Accounts/ok', 2],
        ['Accounts/error', 1],
        ['anonymous/ok', 1],
      ]),
    );
  });

  it('keeps a bounded number of client-chosen operation names as labels', async () => {
    const metrics = new ServiceMetrics('test');
    const plugin = operationMetricsPlugin(metrics);
    for (let index = 0; index < 500; index += 1) await finishRequest(plugin, `Probe${index}`);
    await finishRequest(plugin, 'x'.repeat(5000));
    const counts = await operationCounts(metrics);
    expect(counts.size).toBeLessThanOrEqual(201);
    expect(counts.get('other/ok')).toBe(500 - (counts.size - 1) + 1);
    expect(counts.get('Probe0/ok')).toBe(1);
  });

  it('counts anonymous callers under one label, so they cannot use up the operation names', async () => {
    const metrics = new ServiceMetrics('test');
    const plugin = operationMetricsPlugin(metrics);
    for (let index = 0; index < 300; index += 1) {
      await finishRequest(plugin, `Probe${index}`, false, { caller: null });
    }
    await finishRequest(plugin, 'Accounts');
    expect(await operationCounts(metrics)).toEqual(
      new Map([
        ['unauthenticated/ok', 300],
        ['Accounts/ok', 1],
      ]),
    );
  });
});
