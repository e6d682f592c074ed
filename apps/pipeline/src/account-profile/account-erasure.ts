import type { EntityManager } from 'typeorm';

/** What replaces erased free text where the column cannot be empty. */
export const ERASED_TEXT = '[erased]';

/**
 * Right to erasure, for what pipeline holds about an account and its contacts: the leads it came
 * from lose every personal field (names, email, phone, custom fields, free text); opportunity names,
 * lost and rejection reasons and free-text line descriptions (which may name people) are blanked;
 * buying-committee links and quote recipients of the erased contacts go. Amounts, stages, dates and
 * products stay: accounting and aggregate analytics need them and they identify no one.
 */
export async function erasePersonalData(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  contactIds: readonly string[],
): Promise<void> {
  const byAccount = [tenantId, accountId];
  await manager.query(
    `UPDATE "leads" SET "company_name" = NULL, "first_name" = NULL, "last_name" = NULL, "email" = NULL,
       "phone" = NULL, "custom_fields" = '{}'::jsonb, "disqualified_reason" = NULL
     WHERE "tenant_id" = $1 AND ("converted_account_id" = $2 OR "converted_contact_id" = ANY($3::uuid[]))`,
    [tenantId, accountId, contactIds],
  );
  await manager.query(
    `UPDATE "opportunities" SET "name" = '${ERASED_TEXT}',
       "lost_reason" = CASE WHEN "lost_reason" IS NULL THEN NULL ELSE '${ERASED_TEXT}' END
     WHERE "tenant_id" = $1 AND "account_id" = $2`,
    byAccount,
  );
  await manager.query(
    `UPDATE "line_items" SET "description" = '${ERASED_TEXT}'
     WHERE "tenant_id" = $1 AND "product_id" IS NULL
       AND "opportunity_id" IN (SELECT "id" FROM "opportunities" WHERE "tenant_id" = $1 AND "account_id" = $2)`,
    byAccount,
  );
  await manager.query(
    `UPDATE "quotes" SET "rejection_reason" = NULL, "to_contact_id" = NULL
     WHERE "tenant_id" = $1
       AND "opportunity_id" IN (SELECT "id" FROM "opportunities" WHERE "tenant_id" = $1 AND "account_id" = $2)`,
    byAccount,
  );
  await manager.query(
    `DELETE FROM "opportunity_contact_roles" WHERE "tenant_id" = $1 AND "contact_id" = ANY($2::uuid[])`,
    [tenantId, contactIds],
  );
}
