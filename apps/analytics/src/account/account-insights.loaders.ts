import DataLoader from 'dataloader';
import { canonicalUuid, queryableIds, type Caller } from '@crm/subgraph';
import type { AccountInsights } from '../metrics/account-insights';
import type { MetricsService } from '../metrics/metrics.service';

export interface AccountInsightsLoaders {
  byAccountId: DataLoader<string, AccountInsights>;
}

/** Every Account.insights of one request in one batch: a fixed number of SQL statements. */
export function createAccountInsightsLoaders(
  metrics: MetricsService,
  caller: () => Caller,
): AccountInsightsLoaders {
  return {
    byAccountId: new DataLoader(async (ids) => {
      const queryable = queryableIds(ids.map(canonicalUuid));
      const insights = await metrics.accountInsights(caller(), queryable);
      return ids.map((id) => insights.get(canonicalUuid(id)) ?? new Error(`account id ${id} is not a UUID`));
    }),
  };
}
