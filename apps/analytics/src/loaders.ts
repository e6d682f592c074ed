import { requireCaller, type Caller } from '@crm/subgraph';
import {
  createAccountInsightsLoaders,
  type AccountInsightsLoaders,
} from './account/account-insights.loaders';
import type { AnalyticsServices } from './services';

/** Per request, so batching and caching never cross requests or tenants. */
export interface AnalyticsLoaders {
  insights: AccountInsightsLoaders;
}

export function analyticsLoaderFactory(
  services: AnalyticsServices,
): (caller: Caller | null) => AnalyticsLoaders {
  return (caller) => ({
    insights: createAccountInsightsLoaders(services.metrics, () => requireCaller({ caller })),
  });
}
