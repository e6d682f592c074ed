import type { EntityManager } from 'typeorm';
import type { EventData, AccountCreated, ContactCreated } from '@crm/events';

type AccountSnapshot = EventData<typeof AccountCreated>;
type ContactSnapshot = EventData<typeof ContactCreated>;

/**
 * The account's fields as the profile keeps them. An erased profile is never refilled: an update
 * delivered after the erasure (or replayed) must not bring the personal data back.
 */
export async function upsertAccountProfile(
  manager: EntityManager,
  tenantId: string,
  account: AccountSnapshot,
): Promise<void> {
  await manager.query(
    `INSERT INTO "customer_profiles" AS "p" ("tenant_id", "account_id", "kind", "sales_model", "display_name",
       "first_name", "last_name", "industry", "tier", "tags", "city", "lifecycle_stage", "emails", "phones", "archived")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET
       "kind" = EXCLUDED."kind", "sales_model" = EXCLUDED."sales_model", "display_name" = EXCLUDED."display_name",
       "first_name" = EXCLUDED."first_name", "last_name" = EXCLUDED."last_name", "industry" = EXCLUDED."industry",
       "tier" = EXCLUDED."tier", "tags" = EXCLUDED."tags", "city" = EXCLUDED."city",
       "lifecycle_stage" = EXCLUDED."lifecycle_stage", "emails" = EXCLUDED."emails", "phones" = EXCLUDED."phones",
       "archived" = EXCLUDED."archived", "updated_at" = now()
     WHERE NOT "p"."erased"`,
    [
      tenantId,
      account.accountId,
      account.kind,
      account.salesModel,
      account.displayName,
      account.firstName,
      account.lastName,
      account.industry,
      account.tier,
      account.tags,
      account.addresses[0]?.city ?? null,
      account.lifecycleStage,
      account.emails,
      account.phones,
      account.archived,
    ],
  );
}

export async function markProfileArchived(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO "customer_profiles" ("tenant_id", "account_id", "archived") VALUES ($1, $2, true)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET "archived" = true, "updated_at" = now()`,
    [tenantId, accountId],
  );
}

/** Contacts matter for the merge field {{firstName}} of a company (its primary contact) and for erasure. */
export async function upsertProfileContact(
  manager: EntityManager,
  tenantId: string,
  contact: ContactSnapshot,
): Promise<void> {
  await manager.query(
    `INSERT INTO "profile_contacts" ("tenant_id", "contact_id", "account_id", "first_name", "last_name",
       "is_primary", "emails", "phones")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT ("tenant_id", "contact_id") DO UPDATE SET
       "account_id" = EXCLUDED."account_id", "first_name" = EXCLUDED."first_name",
       "last_name" = EXCLUDED."last_name", "is_primary" = EXCLUDED."is_primary",
       "emails" = EXCLUDED."emails", "phones" = EXCLUDED."phones"`,
    [
      tenantId,
      contact.contactId,
      contact.accountId,
      contact.firstName,
      contact.lastName,
      contact.isPrimary,
      contact.emails,
      contact.phones,
    ],
  );
}
