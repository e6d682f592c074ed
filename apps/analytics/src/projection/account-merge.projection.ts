import type { AccountMerged, EventData, EventEnvelope } from '@crm/events';
import { upsertAccountDimension } from './account.projection';
import type { ProjectionScope } from './read-model-scope';
import { changeOrders } from './sales-rollup';

/** Facts that reference an account by a plain column and need no de-duplication when re-pointed. */
const ACCOUNT_FACT_TABLES = ['opportunity_fact', 'lead_fact', 'activity_fact', 'visit_fact'] as const;

/**
 * Re-points every row of a merged account to the survivor. Revenue and order totals stay the same
 * (the orders' contribution moves from one account to the other); per-customer figures fold together.
 * Events about a merged id that arrive later are attributed through `account_dim.merged_into`.
 */
export async function mergeAccounts(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof AccountMerged>>,
): Promise<void> {
  const { survivorId, mergedIds, survivor } = event.data;
  const { manager, tenantId } = scope;
  await upsertAccountDimension(scope, { ...event, data: { ...survivor, changedFields: [] } });
  const merged = mergedIds.filter((id) => id !== survivorId);
  await manager.query(
    `INSERT INTO "account_dim" ("tenant_id", "account_id", "merged_into")
     SELECT DISTINCT $1::uuid, merged_id, $3::uuid FROM unnest($2::uuid[]) AS merged_id
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET "merged_into" = EXCLUDED."merged_into"`,
    [tenantId, merged, survivorId],
  );
  // Accounts merged into one of these earlier now fold into the survivor too.
  await manager.query(
    `UPDATE "account_dim" SET "merged_into" = $2 WHERE "tenant_id" = $1 AND "merged_into" = ANY($3)`,
    [tenantId, survivorId, merged],
  );

  const orders: Array<{ order_id: string }> = await manager.query(
    `SELECT "order_id" FROM "order_fact" WHERE "tenant_id" = $1 AND "account_id" = ANY($2)`,
    [tenantId, merged],
  );
  await changeOrders(
    scope,
    orders.map((order) => order.order_id),
    async () => {
      await manager.query(
        `UPDATE "order_fact" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "account_id" = ANY($3)`,
        [tenantId, survivorId, merged],
      );
    },
  );
  for (const table of ACCOUNT_FACT_TABLES) {
    await manager.query(
      `UPDATE "${table}" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "account_id" = ANY($3)`,
      [tenantId, survivorId, merged],
    );
  }
  // One row per (campaign, recipient, kind): the survivor keeps the earliest of both.
  await manager.query(
    `INSERT INTO "campaign_message_fact" ("tenant_id", "campaign_id", "account_id", "kind", "occurred_at")
     SELECT "tenant_id", "campaign_id", $2, "kind", MIN("occurred_at") FROM "campaign_message_fact"
     WHERE "tenant_id" = $1 AND "account_id" = ANY($3) GROUP BY "tenant_id", "campaign_id", "kind"
     ON CONFLICT ("tenant_id", "campaign_id", "account_id", "kind")
     DO UPDATE SET "occurred_at" = LEAST("campaign_message_fact"."occurred_at", EXCLUDED."occurred_at")`,
    [tenantId, survivorId, merged],
  );
  await manager.query(
    `DELETE FROM "campaign_message_fact" WHERE "tenant_id" = $1 AND "account_id" = ANY($2)`,
    [tenantId, merged],
  );
}
