import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from './generated/graphql';
import { campaignResolvers } from './campaign/campaign.resolvers';
import { federationResolvers } from './federation.resolvers';
import { segmentResolvers } from './segment/segment.resolvers';
import type { MarketingServices } from './services';

/** The schema mapped onto the aggregates' resolvers; the DateTime and JSON scalars come from the kit. */
export function createMarketingResolvers(services: MarketingServices): Resolvers {
  const segments = segmentResolvers(services.segments);
  const campaigns = campaignResolvers(services.campaigns);
  const federation = federationResolvers(services);
  return {
    Query: { ...segments.Query, ...campaigns.Query },
    Mutation: {
      ...segments.Mutation,
      ...campaigns.Mutation,
      setConsent: (_root, args, context) => services.consents.setConsent(requireCaller(context), args),
      recordVisit: async (_root, args, context) => {
        const caller = requireCaller(context);
        await services.visits.recordVisit(caller.tenantId, caller.userId, args);
        return true;
      },
    },
    Segment: segments.Segment,
    Campaign: campaigns.Campaign,
    CampaignRecipient: campaigns.CampaignRecipient,
    Account: federation.Account,
    Consent: federation.Consent,
    Visit: federation.Visit,
    CustomerDataExport: federation.CustomerDataExport,
  };
}
