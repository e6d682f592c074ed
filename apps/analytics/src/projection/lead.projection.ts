import type {
  EventData,
  EventEnvelope,
  LeadConverted,
  LeadCreated,
  LeadDisqualified,
  LeadQualified,
} from '@crm/events';
import type { ProjectionScope } from './read-model-scope';
import { survivingAccountId } from './surviving-account';

type LeadSnapshot = EventData<typeof LeadCreated>;

/** Each lead event fills in its own columns, so the row is the same whatever order they came in. */
async function upsertLeadSnapshot(scope: ProjectionScope, lead: LeadSnapshot): Promise<void> {
  await scope.manager.query(
    `INSERT INTO "lead_fact" ("tenant_id", "lead_id", "sales_model", "source", "campaign_id", "owner_id", "created_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("tenant_id", "lead_id") DO UPDATE SET
       "sales_model" = EXCLUDED."sales_model", "source" = EXCLUDED."source",
       "campaign_id" = EXCLUDED."campaign_id", "owner_id" = EXCLUDED."owner_id",
       "created_at" = EXCLUDED."created_at"`,
    [
      scope.tenantId,
      lead.leadId,
      lead.salesModel,
      lead.source,
      lead.campaignId,
      lead.ownerId,
      lead.createdAt,
    ],
  );
}

export async function createLead(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof LeadCreated>>,
): Promise<void> {
  await upsertLeadSnapshot(scope, event.data);
}

/** A milestone column of the lead; the row may not exist yet when it arrives first. */
async function recordLeadMilestone(
  scope: ProjectionScope,
  lead: { leadId: string; salesModel: string },
  milestone: 'qualified_at' | 'disqualified_at',
  at: string,
): Promise<void> {
  await scope.manager.query(
    `INSERT INTO "lead_fact" ("tenant_id", "lead_id", "sales_model", "${milestone}") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("tenant_id", "lead_id") DO UPDATE SET "${milestone}" = EXCLUDED."${milestone}"`,
    [scope.tenantId, lead.leadId, lead.salesModel, at],
  );
}

export async function qualifyLead(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof LeadQualified>>,
): Promise<void> {
  await recordLeadMilestone(scope, event.data, 'qualified_at', event.data.qualifiedAt);
}

export async function disqualifyLead(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof LeadDisqualified>>,
): Promise<void> {
  await recordLeadMilestone(scope, event.data, 'disqualified_at', event.data.disqualifiedAt);
}

export async function convertLead(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof LeadConverted>>,
): Promise<void> {
  const conversion = event.data;
  await upsertLeadSnapshot(scope, conversion.lead);
  const accountId = await survivingAccountId(scope, conversion.accountId);
  await scope.manager.query(
    `UPDATE "lead_fact" SET "converted_at" = $3, "account_id" = $4, "opportunity_id" = $5
     WHERE "tenant_id" = $1 AND "lead_id" = $2`,
    [scope.tenantId, conversion.lead.leadId, conversion.convertedAt, accountId, conversion.opportunityId],
  );
}
