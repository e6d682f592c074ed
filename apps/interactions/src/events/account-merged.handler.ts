import { AccountMerged } from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';

/** Tables whose account_id follows the account into the survivor. */
const ACCOUNT_REFERENCES = [
  'activities',
  'timeline_entries',
  'tasks',
  'customer_messages',
  'contact_profiles',
];

/**
 * Duplicates folded into the survivor: everything interactions holds about a merged account now
 * belongs to the survivor. Idempotent by construction (a second run finds nothing left to move),
 * besides the inbox.
 */
export const accountMergedHandlers: EventHandlers = {
  ...on(AccountMerged, async (manager, event) => {
    const { survivorId, mergedIds, movedContactIds, survivor } = event.data;
    const tenantId = event.tenantid;
    for (const table of ACCOUNT_REFERENCES) {
      await manager.query(
        `UPDATE "${table}" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])`,
        [tenantId, survivorId, mergedIds],
      );
    }
    await manager.query(
      `UPDATE "contact_profiles" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "contact_id" = ANY($3::uuid[])`,
      [tenantId, survivorId, movedContactIds],
    );
    // The most recent consent decision about any of the merged customers stands for the survivor.
    await manager.query(
      `INSERT INTO "consents" ("tenant_id", "account_id", "channel", "state", "changed_at")
       SELECT DISTINCT ON ("channel") "tenant_id", $2::uuid, "channel", "state", "changed_at" FROM "consents"
       WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])
       ORDER BY "channel", "changed_at" DESC
       ON CONFLICT ("tenant_id", "account_id", "channel") DO UPDATE SET "state" = EXCLUDED."state", "changed_at" = EXCLUDED."changed_at"
       WHERE "consents"."changed_at" < EXCLUDED."changed_at"`,
      [tenantId, survivorId, mergedIds],
    );
    await manager.query(`DELETE FROM "consents" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[])`, [
      tenantId,
      mergedIds,
    ]);
    await manager.query(
      `DELETE FROM "account_profiles" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[])`,
      [tenantId, mergedIds],
    );
    await manager.query(
      `INSERT INTO "account_profiles" ("tenant_id", "account_id", "display_name", "emails", "phones", "archived", "source_version")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET
         "display_name" = EXCLUDED."display_name", "emails" = EXCLUDED."emails", "phones" = EXCLUDED."phones",
         "archived" = EXCLUDED."archived", "source_version" = greatest("account_profiles"."source_version", EXCLUDED."source_version"),
         "updated_at" = now()`,
      [
        tenantId,
        survivorId,
        survivor.displayName,
        survivor.emails,
        survivor.phones,
        survivor.archived,
        Number(event.sequence),
      ],
    );
  }),
};
