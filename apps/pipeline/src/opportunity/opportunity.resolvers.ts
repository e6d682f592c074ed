import { assertPageSize, FieldErrors, requireCaller } from '@crm/subgraph';
import { referenceTo } from '../common/entity-reference';
import { optionalId } from '../common/field-rules';
import { money } from '../common/money';
import type { Resolvers } from '../generated/graphql';
import type { PipelineEntity } from '../pipeline/pipeline.entity';
import type { StageEntity } from '../pipeline/stage.entity';
import { weightedAmount } from '../quote/quote.arithmetic';
import type { OpportunityEntity } from './opportunity.entity';
import { effectiveProbability } from './opportunity.rules';
import type { OpportunityReads } from './opportunity.reads';
import type { OpportunityService } from './opportunity.service';
import type { PipelineContext } from '../context';

/** Stage and pipeline rows always exist for an opportunity (foreign keys); loaders return them batched. */
async function stageOf(opportunity: OpportunityEntity, context: PipelineContext): Promise<StageEntity> {
  return (await context.loaders.pipelines.stageById.load(opportunity.stageId)) as StageEntity;
}

export function opportunityResolvers(opportunities: OpportunityService, reads: OpportunityReads): Resolvers {
  return {
    Query: {
      opportunity: (_root, args, context) => context.loaders.opportunities.byId.load(args.id),
      opportunities: async (_root, args, context) => {
        const rows = await reads.listOpportunities(
          requireCaller(context).tenantId,
          { pipelineId: args.pipelineId, stageId: args.stageId, ownerId: args.ownerId, open: args.open },
          args.first,
          args.after,
        );
        for (const row of rows) context.loaders.opportunities.byId.prime(row.id, row);
        return rows;
      },
      opportunityBoard: (_root, args, context) =>
        reads.board(requireCaller(context).tenantId, args.pipelineId, args.perStage),
    },
    Mutation: {
      createOpportunity: (_root, args, context) =>
        opportunities.createOpportunity(requireCaller(context), args.input),
      moveOpportunity: (_root, args, context) =>
        opportunities.moveOpportunity(
          requireCaller(context),
          args.id,
          args.stageId,
          args.expectedVersion,
          args.lostReason,
        ),
      reopenOpportunity: (_root, args, context) =>
        opportunities.reopenOpportunity(requireCaller(context), args.id, args.stageId, args.expectedVersion),
      updateOpportunity: (_root, args, context) =>
        opportunities.updateOpportunity(requireCaller(context), args.input),
      markOpportunityLost: (_root, args, context) =>
        opportunities.markOpportunityLost(requireCaller(context), args.id, args.reason),
      setOpportunityContactRole: (_root, args, context) =>
        opportunities.setContactRole(
          requireCaller(context),
          args.opportunityId,
          args.contactId,
          args.role,
          args.isPrimary,
        ),
      setLineItems: (_root, args, context) =>
        opportunities.setLineItems(requireCaller(context), args.opportunityId, args.lineItems),
    },
    Opportunity: {
      __resolveReference: (reference, context) =>
        typeof reference.id === 'string' ? context.loaders.opportunities.byId.load(reference.id) : null,
      account: (opportunity) => referenceTo(opportunity.accountId),
      contactRoles: (opportunity, _args, context) =>
        context.loaders.opportunities.contactRoles.load(opportunity.id),
      pipeline: async (opportunity, _args, context) =>
        (await context.loaders.pipelines.byId.load(opportunity.pipelineId)) as PipelineEntity,
      stage: (opportunity, _args, context) => stageOf(opportunity, context),
      amount: (opportunity) => money(BigInt(opportunity.amountMinor), opportunity.currency),
      probability: async (opportunity, _args, context) =>
        effectiveProbability(opportunity, await stageOf(opportunity, context)),
      weightedAmount: async (opportunity, _args, context) =>
        money(
          weightedAmount(
            BigInt(opportunity.amountMinor),
            effectiveProbability(opportunity, await stageOf(opportunity, context)),
          ),
          opportunity.currency,
        ),
      owner: (opportunity) => (opportunity.ownerId ? referenceTo(opportunity.ownerId) : null),
      stageHistory: (opportunity, _args, context) =>
        context.loaders.opportunities.stageHistory.load(opportunity.id),
      lineItems: (opportunity, _args, context) =>
        context.loaders.quotes.linesOfOpportunity.load(opportunity.id),
      quotes: (opportunity, _args, context) => context.loaders.quotes.byOpportunity.load(opportunity.id),
    },
    OpportunityContactRole: {
      contact: (role) => referenceTo(role.contactId),
    },
    StageVisit: {
      stage: async (visit, _args, context) =>
        (await context.loaders.pipelines.stageById.load(visit.stageId)) as StageEntity,
    },
    Account: {
      __resolveReference: (reference) => referenceTo(reference.id as string),
      opportunities: (account, args, context) => {
        const errors = new FieldErrors();
        const afterId = optionalId(errors, 'after', args.after);
        errors.throwIfAny();
        return context.loaders.opportunities.pageByAccount.load({
          accountId: account.id,
          open: args.open ?? null,
          pageSize: assertPageSize(args.first, 'first'),
          afterId,
        });
      },
    },
    Contact: {
      __resolveReference: (reference) => referenceTo(reference.id as string),
      opportunities: (contact, _args, context) => context.loaders.opportunities.byContact.load(contact.id),
    },
  };
}
