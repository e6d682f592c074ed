import type { EntityManager } from 'typeorm';
import type { AccountMerged, EventData } from '@crm/events';
import { upsertAccountProfile } from '../profile/account-projection';
import { recomputeOrderAggregates } from '../profile/order-projection';

type Merge = EventData<typeof AccountMerged>;

/**
 * Folds each merged account into the survivor. Every statement is a re-point or a recompute, so a
 * redelivered merge changes nothing. Consent: an objection to direct marketing is absolute (GDPR
 * Art 21), so an OPTED_OUT of any duplicate wins; otherwise the newest explicit choice wins.
 */
export async function mergeAccounts(manager: EntityManager, tenantId: string, merge: Merge): Promise<void> {
  const { survivorId, mergedIds } = merge;
  await upsertAccountProfile(manager, tenantId, merge.survivor);
  await manager.query(
    `UPDATE "customer_profiles" SET "merged_into" = $2, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])`,
    [tenantId, survivorId, mergedIds],
  );
  await manager.query(
    `UPDATE "profile_orders" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])`,
    [tenantId, survivorId, mergedIds],
  );
  await manager.query(
    `UPDATE "profile_contacts" SET "account_id" = $2
     WHERE "tenant_id" = $1 AND ("account_id" = ANY($3::uuid[]) OR "contact_id" = ANY($4::uuid[]))`,
    [tenantId, survivorId, mergedIds, merge.movedContactIds],
  );
  await manager.query(
    `INSERT INTO "consents" AS "c" ("tenant_id", "account_id", "channel", "state", "source", "changed_at", "version")
     SELECT DISTINCT ON ("channel") "tenant_id", $2::uuid, "channel", "state", "source", "changed_at", 1
     FROM "consents" WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[]) AND "state" <> 'UNKNOWN'
     ORDER BY "channel", ("state" = 'OPTED_OUT') DESC, "changed_at" DESC
     ON CONFLICT ("tenant_id", "account_id", "channel") DO UPDATE SET
       "state" = EXCLUDED."state", "source" = EXCLUDED."source", "changed_at" = EXCLUDED."changed_at",
       "version" = "c"."version" + 1
     WHERE "c"."state" <> 'OPTED_OUT'
       AND (EXCLUDED."state" = 'OPTED_OUT' OR "c"."state" = 'UNKNOWN' OR EXCLUDED."changed_at" > "c"."changed_at")`,
    [tenantId, survivorId, mergedIds],
  );
  await manager.query(`DELETE FROM "consents" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[])`, [
    tenantId,
    mergedIds,
  ]);
  // A campaign that reached both duplicates keeps the merged one's row under its old id: one
  // recipient row per account and campaign is the sender's exactly-once key.
  await manager.query(
    `UPDATE "campaign_recipients" "r" SET "account_id" = $2
     WHERE "r"."tenant_id" = $1 AND "r"."account_id" = ANY($3::uuid[])
       AND NOT EXISTS (SELECT 1 FROM "campaign_recipients" "s"
                       WHERE "s"."tenant_id" = $1 AND "s"."campaign_id" = "r"."campaign_id" AND "s"."account_id" = $2)`,
    [tenantId, survivorId, mergedIds],
  );
  await manager.query(
    `UPDATE "visits" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])`,
    [tenantId, survivorId, mergedIds],
  );
  await recomputeOrderAggregates(manager, tenantId, survivorId);
}
