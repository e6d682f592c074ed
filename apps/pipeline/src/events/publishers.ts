import type { EntityManager } from 'typeorm';
import {
  AccountErasureCompletedBy,
  LeadConverted,
  LeadCreated,
  LeadDisqualified,
  LeadQualified,
  OpportunityCreated,
  OpportunityLost,
  OpportunityStageChanged,
  OpportunityUpdated,
  OpportunityWon,
  PipelineDefined,
  QuoteAccepted,
  QuoteRejected,
  QuoteSent,
  SYSTEM_ACTOR,
  type EventData,
} from '@crm/events';
import { factsAbout, publishEvent } from '@crm/messaging';
import { money } from '../common/money';
import type { LeadEntity } from '../lead/lead.entity';
import type { OpportunityEntity } from '../opportunity/opportunity.entity';
import { effectiveProbability } from '../opportunity/opportunity.rules';
import type { PipelineEntity } from '../pipeline/pipeline.entity';
import type { StageEntity } from '../pipeline/stage.entity';
import { weightedAmount } from '../quote/quote.arithmetic';
import type { LineItemEntity } from '../quote/line-item.entity';
import type { QuoteEntity } from '../quote/quote.entity';

/**
 * Which state changes become which events. Each runs inside the transaction of the change, so an
 * event is in the outbox if and only if its change committed; `sequence` is the version after it.
 */

const isoDateTime = (instant: Date) => instant.toISOString();

export function leadSnapshot(lead: LeadEntity): EventData<typeof LeadCreated> {
  return {
    leadId: lead.id,
    status: lead.status,
    source: lead.source,
    salesModel: lead.salesModel,
    companyName: lead.companyName,
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    campaignId: lead.campaignId,
    score: lead.score,
    ownerId: lead.ownerId,
    customFields: lead.customFields,
    createdAt: isoDateTime(lead.createdAt),
  };
}

export async function publishLeadCreated(manager: EntityManager, lead: LeadEntity, actorId: string) {
  await publishEvent(manager, LeadCreated, { ...factsAbout(lead, actorId), data: leadSnapshot(lead) });
}

export async function publishLeadQualified(manager: EntityManager, lead: LeadEntity, actorId: string) {
  await publishEvent(manager, LeadQualified, {
    ...factsAbout(lead, actorId),
    data: {
      leadId: lead.id,
      salesModel: lead.salesModel,
      source: lead.source,
      campaignId: lead.campaignId,
      ownerId: lead.ownerId,
      qualifiedAt: isoDateTime(lead.updatedAt),
    },
  });
}

export async function publishLeadDisqualified(manager: EntityManager, lead: LeadEntity, actorId: string) {
  await publishEvent(manager, LeadDisqualified, {
    ...factsAbout(lead, actorId),
    data: {
      leadId: lead.id,
      salesModel: lead.salesModel,
      reason: lead.disqualifiedReason ?? '',
      disqualifiedAt: isoDateTime(lead.updatedAt),
    },
  });
}

export async function publishLeadConverted(
  manager: EntityManager,
  lead: LeadEntity,
  conversion: {
    accountId: string;
    existingAccount: boolean;
    contactId: string | null;
    opportunityId: string;
  },
  actorId: string,
) {
  await publishEvent(manager, LeadConverted, {
    ...factsAbout(lead, actorId),
    data: {
      lead: leadSnapshot(lead),
      ...conversion,
      convertedAt: isoDateTime(lead.convertedAt ?? lead.updatedAt),
    },
  });
}

export async function publishPipelineDefined(
  manager: EntityManager,
  pipeline: PipelineEntity,
  stages: readonly StageEntity[],
  actorId: string,
) {
  await publishEvent(manager, PipelineDefined, {
    ...factsAbout(pipeline, actorId),
    data: {
      pipelineId: pipeline.id,
      name: pipeline.name,
      salesModel: pipeline.salesModel,
      isDefault: pipeline.isDefault,
      stages: stages.map((stage) => ({
        stageId: stage.id,
        name: stage.name,
        position: stage.position,
        probability: stage.probability,
        type: stage.type,
        forecastCategory: stage.forecastCategory,
      })),
    },
  });
}

function opportunityFacts(opportunity: OpportunityEntity, stage: StageEntity) {
  return {
    opportunityId: opportunity.id,
    name: opportunity.name,
    accountId: opportunity.accountId,
    pipelineId: opportunity.pipelineId,
    salesModel: opportunity.salesModel,
    stageId: stage.id,
    stageName: stage.name,
    amount: money(BigInt(opportunity.amountMinor), opportunity.currency),
    probability: effectiveProbability(opportunity, stage),
    expectedCloseDate: opportunity.expectedCloseDate,
    ownerId: opportunity.ownerId,
    source: opportunity.source,
    campaignId: opportunity.campaignId,
    createdAt: isoDateTime(opportunity.createdAt),
  };
}

export async function publishOpportunityCreated(
  manager: EntityManager,
  opportunity: OpportunityEntity,
  stage: StageEntity,
  actorId: string,
) {
  await publishEvent(manager, OpportunityCreated, {
    ...factsAbout(opportunity, actorId),
    data: { ...opportunityFacts(opportunity, stage), leadId: opportunity.leadId },
  });
}

export async function publishOpportunityUpdated(
  manager: EntityManager,
  opportunity: OpportunityEntity,
  stage: StageEntity,
  changedFields: string[],
  actorId: string,
) {
  await publishEvent(manager, OpportunityUpdated, {
    ...factsAbout(opportunity, actorId),
    data: { ...opportunityFacts(opportunity, stage), changedFields },
  });
}

export interface StageMove {
  from: StageEntity;
  fromProbability: number;
  fromStageEnteredAt: Date;
  to: StageEntity;
  changedAt: Date;
}

/** The stage change, then OpportunityWon or OpportunityLost when the move closed the deal. */
export async function publishOpportunityMoved(
  manager: EntityManager,
  opportunity: OpportunityEntity,
  move: StageMove,
  actorId: string,
) {
  const facts = opportunityFacts(opportunity, move.to);
  await publishEvent(manager, OpportunityStageChanged, {
    ...factsAbout(opportunity, actorId),
    data: {
      ...facts,
      fromStageId: move.from.id,
      fromStageName: move.from.name,
      fromProbability: move.fromProbability,
      fromStageEnteredAt: isoDateTime(move.fromStageEnteredAt),
      toStageType: move.to.type,
      weightedAmount: money(
        weightedAmount(BigInt(opportunity.amountMinor), facts.probability),
        opportunity.currency,
      ),
      changedAt: isoDateTime(move.changedAt),
    },
  });
  if (move.to.type === 'WON') {
    await publishEvent(manager, OpportunityWon, {
      ...factsAbout(opportunity, actorId),
      data: { ...facts, closedAt: isoDateTime(move.changedAt) },
    });
  }
  if (move.to.type === 'LOST') {
    await publishEvent(manager, OpportunityLost, {
      ...factsAbout(opportunity, actorId),
      data: { ...facts, closedAt: isoDateTime(move.changedAt), lostReason: opportunity.lostReason ?? '' },
    });
  }
}

function quoteFacts(quote: QuoteEntity, opportunity: OpportunityEntity) {
  return {
    quoteId: quote.id,
    number: quote.number,
    opportunityId: opportunity.id,
    opportunityName: opportunity.name,
    accountId: opportunity.accountId,
    salesModel: opportunity.salesModel,
    subtotal: money(BigInt(quote.subtotalMinor), quote.currency),
    discount: money(BigInt(quote.discountMinor), quote.currency),
    tax: money(BigInt(quote.taxMinor), quote.currency),
    total: money(BigInt(quote.totalMinor), quote.currency),
    validUntil: quote.validUntil,
  };
}

export async function publishQuoteSent(
  manager: EntityManager,
  quote: QuoteEntity,
  opportunity: OpportunityEntity,
  actorId: string,
) {
  await publishEvent(manager, QuoteSent, {
    ...factsAbout(quote, actorId),
    data: {
      ...quoteFacts(quote, opportunity),
      toContactId: quote.toContactId,
      sentAt: isoDateTime(quote.sentAt ?? quote.updatedAt),
    },
  });
}

export async function publishQuoteAccepted(
  manager: EntityManager,
  quote: QuoteEntity,
  opportunity: OpportunityEntity,
  lines: readonly LineItemEntity[],
  actorId: string,
) {
  await publishEvent(manager, QuoteAccepted, {
    ...factsAbout(quote, actorId),
    data: {
      ...quoteFacts(quote, opportunity),
      contactId: quote.toContactId,
      ownerId: opportunity.ownerId,
      lines: lines.map((line) => ({
        productId: line.productId,
        description: line.description,
        quantity: line.quantity,
        unitPrice: money(BigInt(line.unitPriceMinor), line.currency),
        discountPercent: line.discountBasisPoints / 100,
        taxRatePercent: line.taxRateBasisPoints / 100,
        tax: money(BigInt(line.taxMinor), line.currency),
        total: money(BigInt(line.totalMinor), line.currency),
      })),
      acceptedAt: isoDateTime(quote.acceptedAt ?? quote.updatedAt),
    },
  });
}

export async function publishQuoteRejected(
  manager: EntityManager,
  quote: QuoteEntity,
  opportunity: OpportunityEntity,
  actorId: string,
) {
  await publishEvent(manager, QuoteRejected, {
    ...factsAbout(quote, actorId),
    data: {
      ...quoteFacts(quote, opportunity),
      reason: quote.rejectionReason,
      rejectedAt: isoDateTime(quote.rejectedAt ?? quote.updatedAt),
    },
  });
}

/** pipeline's acknowledgement of an erasure, keyed by the account. */
export async function publishErasureCompleted(manager: EntityManager, tenantId: string, accountId: string) {
  await publishEvent(manager, AccountErasureCompletedBy.pipeline, {
    tenantId,
    actorId: SYSTEM_ACTOR,
    aggregateId: accountId,
    aggregateVersion: 1,
    data: { accountId, service: 'pipeline', completedAt: new Date().toISOString() },
  });
}
