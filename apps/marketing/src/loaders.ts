import DataLoader from 'dataloader';
import { requireCaller, type Caller } from '@crm/subgraph';
import type { CampaignStatsRow, CampaignRow, RecipientRow } from './campaign/campaign.types';
import type { RecipientPageKey } from './campaign/campaign.service';
import type { ConsentRow } from './consent/consent.types';
import type { SegmentRow } from './segment/segment.types';
import type { MarketingServices } from './services';
import type { VisitRow } from './visit/visit.types';

/** Per request, so batching and caching never cross requests or tenants. */
export interface MarketingLoaders {
  segmentById: DataLoader<string, SegmentRow | null>;
  segmentMemberCount: DataLoader<SegmentRow, number>;
  campaignById: DataLoader<string, CampaignRow | null>;
  campaignStats: DataLoader<string, CampaignStatsRow>;
  recipientPage: DataLoader<RecipientPageKey, RecipientRow[], string>;
  recipientsOfAccount: DataLoader<string, RecipientRow[]>;
  consentsOfAccount: DataLoader<string, ConsentRow[]>;
  /** Keyed by page size too: one statement per distinct `first` in a request. */
  visitsOfAccount: DataLoader<{ accountId: string; first: number }, VisitRow[], string>;
}

export function marketingLoaderFactory(
  services: MarketingServices,
): (caller: Caller | null) => MarketingLoaders {
  return (caller) => {
    const tenantId = () => requireCaller({ caller }).tenantId;
    return {
      segmentById: new DataLoader((ids) => services.segments.findByIds(tenantId(), ids)),
      segmentMemberCount: new DataLoader((segments) => services.segments.memberCounts(tenantId(), segments), {
        cacheKeyFn: (segment) => segment.id,
      }),
      campaignById: new DataLoader((ids) => services.campaigns.findByIds(tenantId(), ids)),
      campaignStats: new DataLoader((ids) => services.campaigns.statsOf(tenantId(), ids)),
      recipientPage: new DataLoader((keys) => services.campaigns.recipientPages(tenantId(), keys), {
        cacheKeyFn: (key) => JSON.stringify(key),
      }),
      recipientsOfAccount: new DataLoader((ids) => services.campaigns.recipientsOfAccounts(tenantId(), ids)),
      consentsOfAccount: new DataLoader((ids) => services.consents.consentsOf(tenantId(), ids)),
      visitsOfAccount: new DataLoader(
        async (keys) => {
          const sizes = [...new Set(keys.map((key) => key.first))];
          const pages = new Map<string, VisitRow[]>();
          for (const first of sizes) {
            const ids = keys.filter((key) => key.first === first).map((key) => key.accountId);
            const visits = await services.visits.visitsOfAccounts(tenantId(), ids, first);
            ids.forEach((id, index) => pages.set(`${id}:${first}`, visits[index] ?? []));
          }
          return keys.map((key) => pages.get(`${key.accountId}:${key.first}`) ?? []);
        },
        { cacheKeyFn: (key) => `${key.accountId}:${key.first}` },
      ),
    };
  };
}
