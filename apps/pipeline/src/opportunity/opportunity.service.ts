import { IsNull, type EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import {
  assertExpectedVersion,
  type Caller,
  changedFields,
  FieldErrors,
  InvalidInputError,
  LIMITS,
  optionalText,
  requiredText,
} from '@crm/subgraph';
import { findAccountProfile } from '../account-profile/account-profile.query';
import type { SalesModel } from '../common/enums';
import {
  currencyCode,
  optionalAmountMinor,
  optionalDate,
  optionalId,
  optionalPercentage,
  requiredId,
} from '../common/field-rules';
import { selectInTenantForUpdate } from '../common/tenant-rows';
import type { CreateOpportunityInput, LineItemInput, UpdateOpportunityInput } from '../generated/graphql';
import {
  ensureDefaultPipeline,
  findPipelineWithStages,
  stagesOf,
  type PipelineWithStages,
} from '../pipeline/pipeline.service';
import { StageEntity } from '../pipeline/stage.entity';
import { insertLineItems, priceLines } from '../pricing/line-pricing';
import { LineItemEntity } from '../quote/line-item.entity';
import { ContactRoleEntity } from './contact-role.entity';
import { applyMove, insertOpportunity, saveAndAnnounceUpdate } from './opportunity.changes';
import { OpportunityEntity } from './opportunity.entity';
import {
  ArchivedAccountError,
  ClosedOpportunityError,
  moveRefusalError,
  OpportunityNotFoundError,
} from './opportunity.errors';
import { touchOpportunity } from './opportunity.query';
import { moveRefusal, reopenRefusal } from './opportunity.rules';

export interface OpportunityDefaults {
  /** Currency of an opportunity created without one. */
  currency: string;
}

const MAX_REASON_LENGTH = 1000;

export class OpportunityService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly defaults: OpportunityDefaults,
  ) {}

  createOpportunity(caller: Caller, input: CreateOpportunityInput): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const errors = new FieldErrors('input');
      const name = requiredText(errors, 'name', input.name, LIMITS.name);
      const accountId = requiredId(errors, 'accountId', input.accountId);
      const pipelineId = optionalId(errors, 'pipelineId', input.pipelineId);
      const stageId = optionalId(errors, 'stageId', input.stageId);
      const amountMinor = optionalAmountMinor(errors, 'amountMinor', input.amountMinor) ?? 0n;
      const currency =
        input.currency == null ? this.defaults.currency : currencyCode(errors, 'currency', input.currency);
      const expectedCloseDate = optionalDate(errors, 'expectedCloseDate', input.expectedCloseDate);
      const ownerId = optionalId(errors, 'ownerId', input.ownerId) ?? caller.userId;
      const campaignId = optionalId(errors, 'campaignId', input.campaignId);
      const probabilityOverride = optionalPercentage(errors, 'probability', input.probability);

      const profile = accountId ? await findAccountProfile(manager, caller.tenantId, accountId) : null;
      if (profile?.archived) throw new ArchivedAccountError(accountId);
      const pipeline = await resolvePipeline(
        manager,
        caller,
        errors,
        pipelineId,
        profile?.salesModel ?? 'B2B',
      );
      const stage = pipeline ? startingStage(errors, pipeline, stageId) : null;
      errors.throwIfAny();

      return insertOpportunity(manager, caller, {
        name,
        accountId,
        pipeline: pipeline as PipelineWithStages,
        stage: stage as StageEntity,
        amountMinor,
        currency,
        probabilityOverride,
        expectedCloseDate,
        ownerId,
        source: input.source ?? null,
        campaignId,
        leadId: null,
      });
    });
  }

  moveOpportunity(
    caller: Caller,
    id: string,
    stageId: string,
    expectedVersion: number | null | undefined,
    lostReason: string | null | undefined,
  ): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const opportunity = await lockOpportunity(manager, caller.tenantId, id);
      assertExpectedVersion(`opportunity ${opportunity.id}`, opportunity.version, expectedVersion);
      const errors = new FieldErrors();
      const reason = optionalText(errors, 'lostReason', lostReason, MAX_REASON_LENGTH);
      errors.throwIfAny();
      const { current, target } = await currentAndTargetStage(manager, opportunity, stageId);
      if (target.id === current.id) return opportunity;
      const refusal = moveRefusal(current, target, reason);
      if (refusal) throw moveRefusalError(opportunity.id, refusal);
      return applyMove(manager, caller, opportunity, current, target, target.type === 'LOST' ? reason : null);
    });
  }

  reopenOpportunity(
    caller: Caller,
    id: string,
    stageId: string,
    expectedVersion: number | null | undefined,
  ): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const opportunity = await lockOpportunity(manager, caller.tenantId, id);
      assertExpectedVersion(`opportunity ${opportunity.id}`, opportunity.version, expectedVersion);
      const { current, target } = await currentAndTargetStage(manager, opportunity, stageId);
      const refusal = reopenRefusal(current, target);
      if (refusal) throw moveRefusalError(opportunity.id, refusal);
      return applyMove(manager, caller, opportunity, current, target, null);
    });
  }

  /** Into the pipeline's first LOST stage, with the reason. */
  markOpportunityLost(caller: Caller, id: string, reason: string): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const errors = new FieldErrors();
      const lostReason = requiredText(errors, 'reason', reason, MAX_REASON_LENGTH);
      errors.throwIfAny();
      const opportunity = await lockOpportunity(manager, caller.tenantId, id);
      const stages = await stagesOf(manager, caller.tenantId, [opportunity.pipelineId]);
      const current = stages.find((stage) => stage.id === opportunity.stageId) as StageEntity;
      const target = stages.find((stage) => stage.type === 'LOST') as StageEntity;
      const refusal = moveRefusal(current, target, lostReason);
      if (refusal) throw moveRefusalError(opportunity.id, refusal);
      return applyMove(manager, caller, opportunity, current, target, lostReason);
    });
  }

  /** Unchanged values write nothing and publish nothing. */
  updateOpportunity(caller: Caller, input: UpdateOpportunityInput): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const opportunity = await lockOpportunity(manager, caller.tenantId, input.id);
      assertExpectedVersion(`opportunity ${opportunity.id}`, opportunity.version, input.expectedVersion);
      if (opportunity.closedAt) throw new ClosedOpportunityError(opportunity.id);
      const errors = new FieldErrors('input');
      const next: Partial<OpportunityEntity> = {};
      if (input.name !== undefined) next.name = requiredText(errors, 'name', input.name, LIMITS.name);
      if (input.amountMinor !== undefined)
        next.amountMinor = (optionalAmountMinor(errors, 'amountMinor', input.amountMinor) ?? 0n).toString();
      if (input.expectedCloseDate !== undefined)
        next.expectedCloseDate = optionalDate(errors, 'expectedCloseDate', input.expectedCloseDate);
      if (input.ownerId !== undefined) next.ownerId = optionalId(errors, 'ownerId', input.ownerId);
      if (input.probability !== undefined)
        next.probabilityOverride = optionalPercentage(errors, 'probability', input.probability);
      errors.throwIfAny();

      const fieldNames: Record<string, string> = {
        amountMinor: 'amount',
        probabilityOverride: 'probability',
      };
      const changed = changedFields(
        opportunity,
        { ...opportunity, ...next },
        Object.keys(next) as (keyof OpportunityEntity)[],
      ).map((key) => fieldNames[key] ?? key);
      if (changed.length === 0) return opportunity;
      Object.assign(opportunity, next);
      return saveAndAnnounceUpdate(manager, caller, opportunity, changed);
    });
  }

  /** Adds or changes one member of the buying committee; at most one is primary. */
  setContactRole(
    caller: Caller,
    opportunityId: string,
    contactId: string,
    role: string,
    isPrimary: boolean | null | undefined,
  ): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const errors = new FieldErrors();
      const contact = requiredId(errors, 'contactId', contactId);
      const roleName = requiredText(errors, 'role', role, LIMITS.shortText);
      errors.throwIfAny();
      const opportunity = await lockOpportunity(manager, caller.tenantId, opportunityId);
      if (isPrimary) {
        await manager.update(
          ContactRoleEntity,
          { tenantId: caller.tenantId, opportunityId: opportunity.id, isPrimary: true },
          { isPrimary: false },
        );
      }
      await manager.upsert(
        ContactRoleEntity,
        {
          tenantId: caller.tenantId,
          opportunityId: opportunity.id,
          contactId: contact,
          role: roleName,
          isPrimary: isPrimary ?? false,
        },
        ['tenantId', 'opportunityId', 'contactId'],
      );
      await touchOpportunity(manager, opportunity);
      return opportunity;
    });
  }

  /**
   * Replaces the opportunity's line items; its amount becomes their sum net of discounts and before
   * tax (what the deal is worth to the tenant), announced as OpportunityUpdated when it changed.
   */
  setLineItems(
    caller: Caller,
    opportunityId: string,
    inputs: readonly LineItemInput[],
  ): Promise<OpportunityEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const opportunity = await lockOpportunity(manager, caller.tenantId, opportunityId);
      if (opportunity.closedAt) throw new ClosedOpportunityError(opportunity.id);
      const profile = await findAccountProfile(manager, caller.tenantId, opportunity.accountId);
      const errors = new FieldErrors();
      const lines = await priceLines(manager, caller.tenantId, errors, 'lineItems', inputs, {
        minLines: 0,
        currency: opportunity.currency,
        salesModel: profile?.salesModel ?? opportunity.salesModel,
        tier: profile?.tier ?? null,
      });
      errors.throwIfAny();

      await manager.delete(LineItemEntity, {
        tenantId: caller.tenantId,
        opportunityId: opportunity.id,
        quoteId: IsNull(),
      });
      await insertLineItems(
        manager,
        {
          tenantId: caller.tenantId,
          opportunityId: opportunity.id,
          quoteId: null,
          currency: opportunity.currency,
        },
        lines,
      );
      const amountMinor = lines.reduce((sum, line) => sum + line.netMinor, 0n).toString();
      if (amountMinor === opportunity.amountMinor) {
        await touchOpportunity(manager, opportunity);
        return opportunity;
      }
      opportunity.amountMinor = amountMinor;
      return saveAndAnnounceUpdate(manager, caller, opportunity, ['amount']);
    });
  }
}

async function lockOpportunity(
  manager: EntityManager,
  tenantId: string,
  id: string,
): Promise<OpportunityEntity> {
  const opportunity = await selectInTenantForUpdate(manager, OpportunityEntity, tenantId, id);
  if (!opportunity) throw new OpportunityNotFoundError(id);
  return opportunity;
}

async function resolvePipeline(
  manager: EntityManager,
  caller: Caller,
  errors: FieldErrors,
  pipelineId: string | null,
  salesModel: SalesModel,
): Promise<PipelineWithStages | null> {
  if (!pipelineId) return ensureDefaultPipeline(manager, caller.tenantId, salesModel, caller.userId);
  const pipeline = await findPipelineWithStages(manager, caller.tenantId, pipelineId);
  if (!pipeline) errors.add('pipelineId', 'is not one of your pipelines');
  return pipeline;
}

/** The given stage, which must be an OPEN stage of the pipeline, or the pipeline's first OPEN stage. */
function startingStage(
  errors: FieldErrors,
  pipeline: PipelineWithStages,
  stageId: string | null,
): StageEntity | null {
  if (!stageId) return pipeline.stages.find((stage) => stage.type === 'OPEN') ?? null;
  const stage = pipeline.stages.find((candidate) => candidate.id === stageId);
  if (!stage) errors.add('stageId', 'is not a stage of the pipeline');
  else if (stage.type !== 'OPEN')
    errors.add('stageId', 'must be an OPEN stage: new opportunities start open');
  return stage ?? null;
}

async function currentAndTargetStage(
  manager: EntityManager,
  opportunity: OpportunityEntity,
  targetId: string,
): Promise<{ current: StageEntity; target: StageEntity }> {
  const errors = new FieldErrors();
  const wanted = requiredId(errors, 'stageId', targetId);
  errors.throwIfAny();
  const stages = await manager
    .createQueryBuilder(StageEntity, 'stage')
    .where('stage.tenantId = :tenantId AND stage.id IN (:...ids)', {
      tenantId: opportunity.tenantId,
      ids: [opportunity.stageId, wanted],
    })
    .getMany();
  const current = stages.find((stage) => stage.id === opportunity.stageId) as StageEntity;
  const target = stages.find((stage) => stage.id === wanted);
  if (!target) throw new InvalidInputError([{ field: 'stageId', message: 'is not a stage of yours' }]);
  return { current, target };
}
