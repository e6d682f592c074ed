import type { EntityManager } from 'typeorm';

/**
 * GDPR Art. 15/20: every row analytics holds about the account (merged accounts' rows were
 * re-pointed to the survivor, so they are included). Contacts' data is never stored here.
 */
export async function analyticsDataOf(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<Record<string, unknown>> {
  const select = (sql: string) => manager.query(sql, [tenantId, accountId]) as Promise<unknown[]>;
  const [account] = await select(
    `SELECT "account_id" AS "accountId", "kind", "sales_model" AS "salesModel", "display_name" AS "displayName",
            "industry", "tier", "owner_id" AS "ownerId", "lifecycle_stage" AS "lifecycleStage",
            "is_archived" AS "archived", "erased_at" AS "erasedAt"
     FROM "account_dim" WHERE "tenant_id" = $1 AND "account_id" = $2`,
  );
  const merged = (await select(
    `SELECT "account_id" FROM "account_dim" WHERE "tenant_id" = $1 AND "merged_into" = $2 ORDER BY "account_id"`,
  )) as Array<{ account_id: string }>;
  return {
    account: account ?? null,
    mergedAccountIds: merged.map((row) => row.account_id),
    orders: await select(
      `SELECT o."order_id" AS "orderId", o."number", o."sales_model" AS "salesModel", o."channel",
              o."campaign_id" AS "campaignId", o."owner_id" AS "ownerId", o."currency",
              o."total_minor"::text AS "totalMinor", o."status", o."placed_at" AS "placedAt",
              o."cancelled_at" AS "cancelledAt",
              COALESCE((SELECT json_agg(json_build_object('id', m."movement_id", 'kind', m."kind",
                  'amountMinor', m."amount_minor"::text, 'currency', m."currency", 'at', m."occurred_at")
                  ORDER BY m."occurred_at", m."movement_id")
                FROM "money_movement_fact" m WHERE m."tenant_id" = o."tenant_id" AND m."order_id" = o."order_id"),
                '[]') AS "payments"
       FROM "order_fact" o WHERE o."tenant_id" = $1 AND o."account_id" = $2 ORDER BY o."placed_at", o."order_id"`,
    ),
    opportunities: await select(
      `SELECT "opportunity_id" AS "opportunityId", "pipeline_id" AS "pipelineId", "stage_id" AS "stageId",
              "status", "amount_minor"::text AS "amountMinor", "currency", "probability",
              "expected_close_date"::text AS "expectedCloseDate", "created_at" AS "createdAt", "closed_at" AS "closedAt"
       FROM "opportunity_fact" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "created_at", "opportunity_id"`,
    ),
    leads: await select(
      `SELECT "lead_id" AS "leadId", "source", "created_at" AS "createdAt", "converted_at" AS "convertedAt"
       FROM "lead_fact" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "lead_id"`,
    ),
    activities: await select(
      `SELECT "activity_id" AS "activityId", "type", "channel", "status", "starts_at" AS "startsAt"
       FROM "activity_fact" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "starts_at", "activity_id"`,
    ),
    campaignMessages: await select(
      `SELECT "campaign_id" AS "campaignId", "kind", "occurred_at" AS "occurredAt"
       FROM "campaign_message_fact" WHERE "tenant_id" = $1 AND "account_id" = $2
       ORDER BY "occurred_at", "campaign_id", "kind"`,
    ),
    visits: await select(
      `SELECT "visit_id" AS "visitId", "visitor_id" AS "visitorId", "campaign_id" AS "campaignId",
              "visited_at" AS "visitedAt"
       FROM "visit_fact" WHERE "tenant_id" = $1 AND "account_id" = $2 ORDER BY "visited_at", "visit_id"`,
    ),
  };
}
