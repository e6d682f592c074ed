import type {
  ActivityLogged,
  CampaignLaunched,
  CampaignMessageSent,
  EventData,
  EventEnvelope,
  VisitRecorded,
} from '@crm/events';
import type { ProjectionScope } from './read-model-scope';
import { survivingAccountId } from './surviving-account';

/** Logged, rescheduled and completed all carry the whole activity; the newest version wins. */
export async function upsertActivity(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof ActivityLogged>>,
): Promise<void> {
  const activity = event.data;
  const accountId = activity.accountId ? await survivingAccountId(scope, activity.accountId) : null;
  await scope.manager.query(
    `INSERT INTO "activity_fact" ("tenant_id", "activity_id", "type", "channel", "status", "account_id", "owner_id",
       "starts_at", "sequence")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ("tenant_id", "activity_id") DO UPDATE SET
       "type" = EXCLUDED."type", "channel" = EXCLUDED."channel", "status" = EXCLUDED."status",
       "account_id" = EXCLUDED."account_id", "owner_id" = EXCLUDED."owner_id",
       "starts_at" = EXCLUDED."starts_at", "sequence" = EXCLUDED."sequence"
     WHERE "activity_fact"."sequence" <= EXCLUDED."sequence"`,
    [
      scope.tenantId,
      activity.activityId,
      activity.type,
      activity.channel,
      activity.status,
      accountId,
      activity.ownerId,
      activity.startsAt,
      Number(event.sequence),
    ],
  );
}

export async function launchCampaign(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof CampaignLaunched>>,
): Promise<void> {
  const campaign = event.data;
  await scope.manager.query(
    `INSERT INTO "campaign_dim" ("tenant_id", "campaign_id", "name", "channel", "launched_at") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("tenant_id", "campaign_id") DO UPDATE SET
       "name" = EXCLUDED."name", "channel" = EXCLUDED."channel", "launched_at" = EXCLUDED."launched_at"`,
    [scope.tenantId, campaign.campaignId, campaign.name, campaign.channel, campaign.launchedAt],
  );
}

type CampaignMessageFacts = Pick<
  EventData<typeof CampaignMessageSent>,
  'campaignId' | 'campaignName' | 'channel' | 'accountId'
>;

/**
 * One row per campaign, recipient and kind (sent, opened, clicked) at its first occurrence: rates
 * count recipients, so a second open by the same recipient changes nothing.
 */
export async function recordCampaignMessage(
  scope: ProjectionScope,
  message: CampaignMessageFacts,
  kind: 'SENT' | 'OPENED' | 'CLICKED',
  occurredAt: string,
): Promise<void> {
  await scope.manager.query(
    `INSERT INTO "campaign_dim" ("tenant_id", "campaign_id", "name", "channel") VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [scope.tenantId, message.campaignId, message.campaignName, message.channel],
  );
  const accountId = await survivingAccountId(scope, message.accountId);
  await scope.manager.query(
    `INSERT INTO "campaign_message_fact" ("tenant_id", "campaign_id", "account_id", "kind", "occurred_at")
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("tenant_id", "campaign_id", "account_id", "kind")
     DO UPDATE SET "occurred_at" = LEAST("campaign_message_fact"."occurred_at", EXCLUDED."occurred_at")`,
    [scope.tenantId, message.campaignId, accountId, kind, occurredAt],
  );
}

export async function recordVisit(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof VisitRecorded>>,
): Promise<void> {
  const visit = event.data;
  const accountId = visit.accountId ? await survivingAccountId(scope, visit.accountId) : null;
  // A visit of an erased account delivered after the erasure is stored already pseudonymised.
  await scope.manager.query(
    `INSERT INTO "visit_fact" ("tenant_id", "visit_id", "visitor_id", "account_id", "campaign_id", "visited_at")
     SELECT $1, $2,
       CASE WHEN EXISTS (SELECT 1 FROM "account_dim" a
                         WHERE a."tenant_id" = $1 AND a."account_id" = $4 AND a."erased_at" IS NOT NULL)
            THEN 'erased:' || encode(sha256(convert_to($3::text, 'UTF8')), 'hex') ELSE $3 END,
       $4, $5, $6
     ON CONFLICT DO NOTHING`,
    [scope.tenantId, visit.visitId, visit.visitorId, accountId, visit.campaignId, visit.visitedAt],
  );
}
