import { ForbiddenError, requireCaller } from '@crm/subgraph';
import { METRICS_READERS } from '../access-rules';
import type { Resolvers } from '../generated/graphql';
import type { MetricsService } from './metrics.service';

/** Maps the schema onto MetricsService; access rules guard the root fields (access-rules.ts). */
export function metricsResolvers(metrics: MetricsService): Resolvers {
  return {
    Query: {
      salesPerformance: (_root, args, context) =>
        metrics.salesPerformance(requireCaller(context), args.filter, args.granularity, args.calendar),
      funnel: (_root, args, context) => metrics.funnel(requireCaller(context), args.pipelineId, args.filter),
      dealMetrics: (_root, args, context) => metrics.dealMetrics(requireCaller(context), args.filter),
      conversionRates: (_root, args, context) => metrics.conversionRates(requireCaller(context), args.filter),
      campaignPerformance: (_root, args, context) =>
        metrics.campaignPerformance(requireCaller(context), args.filter),
      interactionStats: (_root, args, context) =>
        metrics.interactionStats(requireCaller(context), args.filter),
      cohortRetention: (_root, args, context) =>
        metrics.cohortRetention(requireCaller(context), args.from, args.to, args.salesModel ?? null),
      forecast: (_root, args, context) =>
        metrics.forecast(requireCaller(context), args.months, args.salesModel ?? null),
      topCustomers: async (_root, args, context) =>
        (await metrics.topCustomers(requireCaller(context), args.filter, args.limit)).map((id) => ({ id })),
      freshness: (_root, _args, context) => metrics.freshness(requireCaller(context)),
      analyticsSettings: (_root, _args, context) => metrics.settings(requireCaller(context)),
    },
    Mutation: {
      configureAnalytics: (_root, args, context) => metrics.configure(requireCaller(context), args.input),
    },
    Account: {
      __resolveReference: (reference) => ({ id: reference.id }),
      // Reached through _entities, which only requires a signed-in caller: the field guards itself.
      insights: (account, _args, context) => {
        const caller = requireCaller(context);
        if (!caller.roles.some((role) => METRICS_READERS.includes(role))) throw new ForbiddenError();
        return context.loaders.insights.byAccountId.load(account.id);
      },
    },
    CustomerDataExport: {
      __resolveReference: async (reference, context) => ({
        accountId: reference.accountId,
        analytics: await metrics.customerData(requireCaller(context), reference.accountId),
      }),
    },
  };
}
