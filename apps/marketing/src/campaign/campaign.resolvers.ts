import { NotFoundError, assertPageSize, referencedId, requireCaller } from '@crm/subgraph';
import { afterAccountId } from '../account-page-cursor';
import type { RecipientStatus, Resolvers } from '../generated/graphql';
import type { CampaignService } from './campaign.service';

export function campaignResolvers(campaigns: CampaignService): Resolvers {
  return {
    Query: {
      campaign: (_root, args, context) => context.loaders.campaignById.load(args.id),
      campaigns: (_root, args, context) =>
        campaigns.listCampaigns(requireCaller(context).tenantId, args.status),
    },
    Mutation: {
      createCampaign: (_root, args, context) => campaigns.createCampaign(requireCaller(context), args.input),
      launchCampaign: (_root, args, context) => {
        const caller = requireCaller(context);
        return campaigns.launch(caller.tenantId, caller.userId, args.id);
      },
      cancelCampaign: (_root, args, context) => campaigns.cancel(requireCaller(context), args.id),
    },
    Campaign: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.campaignById.load(id);
      },
      scheduledAt: (campaign) => campaign.scheduled_at,
      launchedAt: (campaign) => campaign.launched_at,
      segment: async (campaign, _args, context) => {
        const segment = await context.loaders.segmentById.load(campaign.segment_id);
        if (!segment) throw new NotFoundError('Segment', campaign.segment_id);
        return segment;
      },
      stats: (campaign, _args, context) => context.loaders.campaignStats.load(campaign.id),
      recipients: (campaign, args, context) =>
        context.loaders.recipientPage.load({
          campaignId: campaign.id,
          status: args.status ?? null,
          first: assertPageSize(args.first, 'first'),
          afterAccountId: afterAccountId(args.after, 'recipient'),
        }),
    },
    CampaignRecipient: {
      account: (recipient) => ({ id: recipient.account_id }),
      campaign: async (recipient, _args, context) => {
        const campaign = await context.loaders.campaignById.load(recipient.campaign_id);
        if (!campaign) throw new NotFoundError('Campaign', recipient.campaign_id);
        return campaign;
      },
      status: (recipient): RecipientStatus => (recipient.status === 'SENDING' ? 'QUEUED' : recipient.status),
      sentAt: (recipient) => recipient.sent_at,
    },
  };
}
