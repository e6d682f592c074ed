import { assertPageSize, referencedId, requireCaller } from '@crm/subgraph';
import type { Resolvers } from './generated/graphql';
import type { MarketingServices } from './services';

/** Marketing's fields on entities other subgraphs own: Account and the cross-service data export. */
export function federationResolvers(services: MarketingServices): Resolvers {
  return {
    Account: {
      __resolveReference: (reference) => {
        const id = referencedId(reference);
        return id === null ? null : { id };
      },
      consents: (account, _args, context) => context.loaders.consentsOfAccount.load(account.id),
      campaigns: (account, _args, context) => context.loaders.recipientsOfAccount.load(account.id),
      visits: (account, args, context) =>
        context.loaders.visitsOfAccount.load({
          accountId: account.id,
          first: assertPageSize(args.first, 'first'),
        }),
    },
    Consent: {
      changedAt: (consent) => consent.changed_at,
    },
    Visit: {
      visitorId: (visit) => visit.visitor_id,
      account: (visit) => (visit.account_id === null ? null : { id: visit.account_id }),
      utmSource: (visit) => visit.utm_source,
      utmCampaign: (visit) => visit.utm_campaign,
      at: (visit) => visit.visited_at,
    },
    CustomerDataExport: {
      __resolveReference: (reference) =>
        typeof reference.accountId === 'string' ? { accountId: reference.accountId } : null,
      marketing: (reference, _args, context) =>
        services.dataExport.exportAccount(requireCaller(context).tenantId, reference.accountId),
    },
  };
}
