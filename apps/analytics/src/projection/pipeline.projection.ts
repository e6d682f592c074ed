import type {
  EventData,
  EventEnvelope,
  OpportunityCreated,
  OpportunityLost,
  OpportunityStageChanged,
  OpportunityUpdated,
  OpportunityWon,
  PipelineDefined,
} from '@crm/events';
import type { ProjectionScope } from './read-model-scope';
import { survivingAccountId } from './surviving-account';

/** The whole pipeline after the change: the dimension replaces its stages. */
export async function definePipeline(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof PipelineDefined>>,
): Promise<void> {
  const pipeline = event.data;
  await scope.manager.query(
    `DELETE FROM "pipeline_stage_dim" WHERE "tenant_id" = $1 AND "pipeline_id" = $2`,
    [scope.tenantId, pipeline.pipelineId],
  );
  await scope.manager.query(
    `INSERT INTO "pipeline_stage_dim" ("tenant_id", "pipeline_id", "stage_id", "name", "position", "probability",
       "type", "forecast_category")
     SELECT $1, $2, stage."stageId", stage."name", stage."position", stage."probability", stage."type",
            stage."forecastCategory"
     FROM jsonb_to_recordset($3::jsonb) AS stage("stageId" uuid, "name" text, "position" int, "probability" int,
       "type" text, "forecastCategory" text)`,
    [scope.tenantId, pipeline.pipelineId, JSON.stringify(pipeline.stages)],
  );
}

type OpportunitySnapshot = EventData<typeof OpportunityCreated> | EventData<typeof OpportunityUpdated>;
type OpportunityStatus = 'OPEN' | 'WON' | 'LOST';

/**
 * Every opportunity event carries the whole opportunity; the fact keeps the one with the highest
 * aggregate version (`sequence`), so arrival order does not matter. Equal versions re-apply the
 * same state, which keeps a redelivery harmless.
 */
async function upsertOpportunity(
  scope: ProjectionScope,
  event: EventEnvelope<OpportunitySnapshot>,
  status: OpportunityStatus,
  closedAt: string | null,
): Promise<void> {
  const opportunity = event.data;
  const accountId = await survivingAccountId(scope, opportunity.accountId);
  await scope.manager.query(
    `INSERT INTO "opportunity_fact" ("tenant_id", "opportunity_id", "account_id", "pipeline_id", "sales_model",
       "stage_id", "amount_minor", "currency", "probability", "expected_close_date", "owner_id", "campaign_id",
       "lead_id", "status", "created_at", "closed_at", "sequence")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT ("tenant_id", "opportunity_id") DO UPDATE SET
       "account_id" = EXCLUDED."account_id", "pipeline_id" = EXCLUDED."pipeline_id",
       "sales_model" = EXCLUDED."sales_model", "stage_id" = EXCLUDED."stage_id",
       "amount_minor" = EXCLUDED."amount_minor", "currency" = EXCLUDED."currency",
       "probability" = EXCLUDED."probability", "expected_close_date" = EXCLUDED."expected_close_date",
       "owner_id" = EXCLUDED."owner_id", "campaign_id" = EXCLUDED."campaign_id",
       "lead_id" = COALESCE(EXCLUDED."lead_id", "opportunity_fact"."lead_id"),
       "status" = EXCLUDED."status", "created_at" = EXCLUDED."created_at",
       "closed_at" = EXCLUDED."closed_at", "sequence" = EXCLUDED."sequence"
     WHERE "opportunity_fact"."sequence" <= EXCLUDED."sequence"`,
    [
      scope.tenantId,
      opportunity.opportunityId,
      accountId,
      opportunity.pipelineId,
      opportunity.salesModel,
      opportunity.stageId,
      opportunity.amount.amountMinor,
      opportunity.amount.currency,
      opportunity.probability,
      opportunity.expectedCloseDate,
      opportunity.ownerId,
      opportunity.campaignId,
      'leadId' in opportunity ? opportunity.leadId : null,
      status,
      opportunity.createdAt,
      closedAt,
      Number(event.sequence),
    ],
  );
}

/** A stage visit is a fact of its own: entries and exits are recorded whatever order they arrive in. */
async function recordStageVisit(
  scope: ProjectionScope,
  visit: { opportunityId: string; stageId: string; enteredAt: string; exitedAt: string | null },
): Promise<void> {
  await scope.manager.query(
    `INSERT INTO "stage_visit_fact" ("tenant_id", "opportunity_id", "stage_id", "entered_at", "exited_at")
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("tenant_id", "opportunity_id", "stage_id", "entered_at")
     DO UPDATE SET "exited_at" = COALESCE(EXCLUDED."exited_at", "stage_visit_fact"."exited_at")`,
    [scope.tenantId, visit.opportunityId, visit.stageId, visit.enteredAt, visit.exitedAt],
  );
}

export async function createOpportunity(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OpportunityCreated>>,
): Promise<void> {
  await upsertOpportunity(scope, event, 'OPEN', null);
  const { opportunityId, stageId, createdAt } = event.data;
  await recordStageVisit(scope, { opportunityId, stageId, enteredAt: createdAt, exitedAt: null });
}

export async function updateOpportunity(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OpportunityUpdated>>,
): Promise<void> {
  await upsertOpportunity(scope, event, 'OPEN', null);
}

export async function moveOpportunity(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OpportunityStageChanged>>,
): Promise<void> {
  const move = event.data;
  const status: OpportunityStatus = move.toStageType;
  await upsertOpportunity(
    scope,
    { ...event, data: { ...move, changedFields: [] } },
    status,
    status === 'OPEN' ? null : move.changedAt,
  );
  const { opportunityId } = move;
  await recordStageVisit(scope, {
    opportunityId,
    stageId: move.fromStageId,
    enteredAt: move.fromStageEnteredAt,
    exitedAt: move.changedAt,
  });
  await recordStageVisit(scope, {
    opportunityId,
    stageId: move.stageId,
    enteredAt: move.changedAt,
    exitedAt: null,
  });
}

export async function closeOpportunity(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OpportunityWon> | EventData<typeof OpportunityLost>>,
  status: 'WON' | 'LOST',
): Promise<void> {
  await upsertOpportunity(
    scope,
    { ...event, data: { ...event.data, changedFields: [] } },
    status,
    event.data.closedAt,
  );
}
