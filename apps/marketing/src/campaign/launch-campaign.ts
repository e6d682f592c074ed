import type { EntityManager } from 'typeorm';
import { CampaignLaunched } from '@crm/events';
import { publishEvent } from '@crm/messaging';
import { ConflictError, NotFoundError } from '@crm/subgraph';
import { compileSegment, type SegmentQueryOptions } from '../segment/compile-segment';
import { parseSegmentRules } from '../segment/segment-rules';
import { SqlParameters } from '../segment/sql-parameters';
import { CAMPAIGN_COLUMNS, type CampaignRow } from './campaign.types';

export interface LaunchSettings {
  messageIdDomain: string;
  segmentOptions: SegmentQueryOptions;
}

/**
 * Materialises the recipients from the segment as it is now, in one statement: members with an
 * explicit OPTED_IN for the channel are QUEUED, the others SKIPPED_NO_CONSENT. Each recipient's
 * Message-ID is fixed here (`<campaign.account@domain>`), so every attempt to deliver it, including
 * one after a crash, carries the same id. The sender loop takes it from there.
 */
export async function launchCampaign(
  manager: EntityManager,
  tenantId: string,
  actorId: string,
  campaignId: string,
  settings: LaunchSettings,
): Promise<CampaignRow> {
  const [campaign]: CampaignRow[] = await manager.query(
    `SELECT ${CAMPAIGN_COLUMNS} FROM "campaigns" WHERE "tenant_id" = $1 AND "id" = $2 FOR UPDATE`,
    [tenantId, campaignId],
  );
  if (!campaign) throw new NotFoundError('Campaign', campaignId);
  if (campaign.status !== 'DRAFT' && campaign.status !== 'SCHEDULED') {
    throw new ConflictError(`campaign ${campaignId} is ${campaign.status} and cannot be launched`);
  }
  const [segment]: { rules: unknown }[] = await manager.query(
    `SELECT "rules" FROM "segments" WHERE "tenant_id" = $1 AND "id" = $2`,
    [tenantId, campaign.segment_id],
  );
  const parameters = new SqlParameters();
  const { membersSql } = compileSegment(
    parseSegmentRules(segment?.rules),
    settings.segmentOptions,
    parameters,
  );
  const campaignParameter = parameters.add(campaignId);
  const [counts]: { targeted: number; skipped: number }[] = await manager.query(
    `WITH "inserted" AS (
       INSERT INTO "campaign_recipients" ("tenant_id", "campaign_id", "account_id", "status", "message_id")
       SELECT ${parameters.add(tenantId)}::uuid, ${campaignParameter}::uuid, "m"."account_id",
         CASE WHEN "c"."state" = 'OPTED_IN' THEN 'QUEUED' ELSE 'SKIPPED_NO_CONSENT' END,
         '<' || ${campaignParameter}::text || '.' || "m"."account_id"::text || '@' || ${parameters.add(settings.messageIdDomain)}::text || '>'
       FROM (${membersSql}) "m"
       LEFT JOIN "consents" "c" ON "c"."tenant_id" = ${parameters.add(tenantId)}::uuid
         AND "c"."account_id" = "m"."account_id" AND "c"."channel" = ${parameters.add(campaign.channel)}::text
       RETURNING "status"
     )
     SELECT count(*)::int AS "targeted", count(*) FILTER (WHERE "status" = 'SKIPPED_NO_CONSENT')::int AS "skipped"
     FROM "inserted"`,
    parameters.values,
  );
  const [launched]: CampaignRow[] = await manager.query(
    `WITH "launched" AS (
       UPDATE "campaigns" SET "status" = 'SENDING', "launched_at" = now(), "version" = "version" + 1
       WHERE "tenant_id" = $1 AND "id" = $2 RETURNING ${CAMPAIGN_COLUMNS}
     ) SELECT * FROM "launched"`,
    [tenantId, campaignId],
  );
  if (!launched || !counts) throw new Error(`campaign ${campaignId} vanished during its launch`);
  await publishEvent(manager, CampaignLaunched, {
    tenantId,
    actorId,
    aggregateId: campaignId,
    aggregateVersion: launched.version,
    data: {
      campaignId,
      name: launched.name,
      channel: launched.channel,
      segmentId: launched.segment_id,
      targeted: counts.targeted,
      skippedNoConsent: counts.skipped,
      launchedAt: (launched.launched_at ?? new Date()).toISOString(),
    },
  });
  return launched;
}
