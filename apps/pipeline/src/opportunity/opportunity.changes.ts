/** The state changes of an opportunity, each with its stage-history rows and its event. */
import { IsNull, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@crm/subgraph';
import type { LeadSource } from '../common/enums';
import {
  publishOpportunityCreated,
  publishOpportunityMoved,
  publishOpportunityUpdated,
} from '../events/publishers';
import type { PipelineWithStages } from '../pipeline/pipeline.service';
import { StageEntity } from '../pipeline/stage.entity';
import { OpportunityEntity } from './opportunity.entity';
import { effectiveProbability, isClosedStage } from './opportunity.rules';
import { StageVisitEntity } from './stage-visit.entity';

/** What a new opportunity is made of, after validation (shared by createOpportunity and convertLead). */
export interface NewOpportunity {
  name: string;
  accountId: string;
  pipeline: PipelineWithStages;
  stage: StageEntity;
  amountMinor: bigint;
  currency: string;
  probabilityOverride: number | null;
  expectedCloseDate: string | null;
  ownerId: string | null;
  source: LeadSource | null;
  campaignId: string | null;
  leadId: string | null;
}

/** Saves changed columns (a new version) and publishes OpportunityUpdated with the current stage. */
export async function saveAndAnnounceUpdate(
  manager: EntityManager,
  caller: Caller,
  opportunity: OpportunityEntity,
  changedFields: string[],
): Promise<OpportunityEntity> {
  await manager.save(opportunity);
  const stage = await manager.findOneByOrFail(StageEntity, {
    tenantId: opportunity.tenantId,
    id: opportunity.stageId,
  });
  await publishOpportunityUpdated(manager, opportunity, stage, changedFields, caller.userId);
  return opportunity;
}

/** Inserts the opportunity, opens its first stage visit and announces it. */
export async function insertOpportunity(
  manager: EntityManager,
  caller: Pick<Caller, 'tenantId' | 'userId'>,
  fields: NewOpportunity,
): Promise<OpportunityEntity> {
  const now = new Date();
  const opportunity = manager.create(OpportunityEntity, {
    tenantId: caller.tenantId,
    id: uuidv7(),
    name: fields.name,
    accountId: fields.accountId,
    pipelineId: fields.pipeline.pipeline.id,
    stageId: fields.stage.id,
    salesModel: fields.pipeline.pipeline.salesModel,
    amountMinor: fields.amountMinor.toString(),
    currency: fields.currency,
    probabilityOverride: fields.probabilityOverride,
    expectedCloseDate: fields.expectedCloseDate,
    ownerId: fields.ownerId,
    source: fields.source,
    campaignId: fields.campaignId,
    leadId: fields.leadId,
    lostReason: null,
    closedAt: null,
    stageEnteredAt: now,
  });
  await manager.insert(OpportunityEntity, opportunity);
  await manager.insert(StageVisitEntity, {
    tenantId: caller.tenantId,
    id: uuidv7(),
    opportunityId: opportunity.id,
    stageId: fields.stage.id,
    enteredAt: now,
    exitedAt: null,
  });
  await publishOpportunityCreated(manager, opportunity, fields.stage, caller.userId);
  return opportunity;
}

/**
 * Closes the current stage visit and opens the next one at the same instant, moves the opportunity
 * (its probability follows the new stage again) and publishes the move, plus Won/Lost on closing.
 */
export async function applyMove(
  manager: EntityManager,
  caller: Caller,
  opportunity: OpportunityEntity,
  current: StageEntity,
  target: StageEntity,
  lostReason: string | null,
): Promise<OpportunityEntity> {
  const changedAt = new Date();
  const fromProbability = effectiveProbability(opportunity, current);
  const fromStageEnteredAt = opportunity.stageEnteredAt;
  await manager.update(
    StageVisitEntity,
    { tenantId: caller.tenantId, opportunityId: opportunity.id, exitedAt: IsNull() },
    { exitedAt: changedAt },
  );
  await manager.insert(StageVisitEntity, {
    tenantId: caller.tenantId,
    id: uuidv7(),
    opportunityId: opportunity.id,
    stageId: target.id,
    enteredAt: changedAt,
    exitedAt: null,
  });
  Object.assign(opportunity, {
    stageId: target.id,
    stageEnteredAt: changedAt,
    probabilityOverride: null,
    closedAt: isClosedStage(target) ? changedAt : null,
    lostReason,
  });
  await manager.save(opportunity);
  await publishOpportunityMoved(
    manager,
    opportunity,
    { from: current, fromProbability, fromStageEnteredAt, to: target, changedAt },
    caller.userId,
  );
  return opportunity;
}
