import type { EntityManager } from 'typeorm';
import { CampaignLinkClicked, CampaignMessageOpened, SYSTEM_ACTOR } from '@crm/events';
import { publishEvent } from '@crm/messaging';
import type { MarketingChannel } from '../consent/consent.types';

interface Recipient {
  campaignId: string;
  accountId: string;
}

interface EngagedRow {
  first_engagement: boolean;
  name: string;
  channel: MarketingChannel;
  version: number;
}

/** Engagement events are about the campaign: keyed by it, so one campaign's events stay in order. */
function engagementFacts(tenantId: string, recipient: Recipient, row: EngagedRow) {
  return {
    tenantId,
    actorId: SYSTEM_ACTOR,
    aggregateId: recipient.campaignId,
    aggregateVersion: row.version,
  };
}

function messageFacts(recipient: Recipient, row: EngagedRow) {
  return {
    campaignId: recipient.campaignId,
    campaignName: row.name,
    channel: row.channel,
    accountId: recipient.accountId,
  };
}

/**
 * The first open of a delivered message: OPENED and CampaignMessageOpened. Mail clients load the
 * pixel again and again; later loads change nothing and publish nothing.
 */
export async function recordOpen(
  manager: EntityManager,
  tenantId: string,
  recipient: Recipient,
): Promise<void> {
  const openedAt = new Date();
  const [row]: EngagedRow[] = await manager.query(
    `SELECT "r"."opened_at" IS NULL AS "first_engagement", "c"."name", "c"."channel", "c"."version"
     FROM "campaign_recipients" "r" JOIN "campaigns" "c" ON "c"."tenant_id" = "r"."tenant_id" AND "c"."id" = "r"."campaign_id"
     WHERE "r"."tenant_id" = $1 AND "r"."campaign_id" = $2 AND "r"."account_id" = $3
       AND "r"."status" IN ('SENT', 'OPENED', 'CLICKED')
     FOR UPDATE OF "r"`,
    [tenantId, recipient.campaignId, recipient.accountId],
  );
  if (!row?.first_engagement) return;
  await manager.query(
    `UPDATE "campaign_recipients" SET "opened_at" = $4,
       "status" = CASE WHEN "status" = 'SENT' THEN 'OPENED' ELSE "status" END
     WHERE "tenant_id" = $1 AND "campaign_id" = $2 AND "account_id" = $3`,
    [tenantId, recipient.campaignId, recipient.accountId, openedAt],
  );
  await publishEvent(manager, CampaignMessageOpened, {
    ...engagementFacts(tenantId, recipient, row),
    data: { ...messageFacts(recipient, row), openedAt: openedAt.toISOString() },
  });
}

/** Every click is a fact (which link, when); a click also implies the message was opened. */
export async function recordClick(
  manager: EntityManager,
  tenantId: string,
  recipient: Recipient,
  url: string,
): Promise<void> {
  const clickedAt = new Date();
  const [row]: EngagedRow[] = await manager.query(
    `WITH "updated" AS (
       UPDATE "campaign_recipients" SET "opened_at" = COALESCE("opened_at", $4),
         "clicked_at" = COALESCE("clicked_at", $4), "status" = 'CLICKED'
       WHERE "tenant_id" = $1 AND "campaign_id" = $2 AND "account_id" = $3 AND "status" IN ('SENT', 'OPENED', 'CLICKED')
       RETURNING 1
     )
     SELECT true AS "first_engagement", "c"."name", "c"."channel", "c"."version"
     FROM "updated", "campaigns" "c" WHERE "c"."tenant_id" = $1 AND "c"."id" = $2`,
    [tenantId, recipient.campaignId, recipient.accountId, clickedAt],
  );
  if (!row) return;
  await publishEvent(manager, CampaignLinkClicked, {
    ...engagementFacts(tenantId, recipient, row),
    data: { ...messageFacts(recipient, row), url, clickedAt: clickedAt.toISOString() },
  });
}
