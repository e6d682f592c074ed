import type { AccessRules, Role } from '@crm/subgraph';

/** Who may read figures: analysts, managers and admins (see ARCHITECTURE.md, roles). */
export const METRICS_READERS: readonly Role[] = ['ADMIN', 'MANAGER', 'ANALYST'];
const ADMIN_ONLY: readonly Role[] = ['ADMIN'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const analyticsAccessRules = {
  Query: {
    salesPerformance: METRICS_READERS,
    funnel: METRICS_READERS,
    dealMetrics: METRICS_READERS,
    conversionRates: METRICS_READERS,
    campaignPerformance: METRICS_READERS,
    interactionStats: METRICS_READERS,
    cohortRetention: METRICS_READERS,
    forecast: METRICS_READERS,
    topCustomers: METRICS_READERS,
    freshness: METRICS_READERS,
    analyticsSettings: METRICS_READERS,
  },
  Mutation: {
    configureAnalytics: ADMIN_ONLY,
  },
} satisfies AccessRules;
