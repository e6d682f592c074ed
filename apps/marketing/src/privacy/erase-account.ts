import type { EntityManager } from 'typeorm';
import { AccountErasureCompletedBy, SYSTEM_ACTOR, type AccountErased, type EventData } from '@crm/events';
import { publishEvent } from '@crm/messaging';

type Erasure = EventData<typeof AccountErased>;

/**
 * Right to erasure. Removed: names, emails, phones, city, tags (free text), contact details, the
 * visitor cookie id and the query strings of visited URLs, delivery error texts (they quote
 * addresses). Kept: order aggregates and campaign statuses (non-personal facts for analytics), and
 * each consent row as a suppression record (account id, channel, state) so the account is never
 * messaged again. The acknowledgement goes out in the same transaction.
 */
export async function eraseAccount(
  manager: EntityManager,
  tenantId: string,
  erasure: Erasure,
): Promise<void> {
  const { accountId, contactIds } = erasure;
  await manager.query(
    `INSERT INTO "customer_profiles" ("tenant_id", "account_id", "erased") VALUES ($1, $2, true)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET
       "display_name" = NULL, "first_name" = NULL, "last_name" = NULL, "tags" = '{}', "city" = NULL,
       "emails" = '{}', "phones" = '{}', "erased" = true, "updated_at" = now()`,
    [tenantId, accountId],
  );
  await manager.query(
    `UPDATE "profile_contacts" SET "first_name" = NULL, "last_name" = NULL, "emails" = '{}', "phones" = '{}'
     WHERE "tenant_id" = $1 AND ("account_id" = $2 OR "contact_id" = ANY($3::uuid[]))`,
    [tenantId, accountId, contactIds],
  );
  await manager.query(
    `UPDATE "consents" SET "source" = 'erased' WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  );
  await manager.query(
    `UPDATE "campaign_recipients" SET "error" = NULL WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  );
  await manager.query(
    `UPDATE "visits" SET "visitor_id" = 'erased', "url" = split_part("url", '?', 1)
     WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  );
  await publishEvent(manager, AccountErasureCompletedBy.marketing, {
    tenantId,
    actorId: SYSTEM_ACTOR,
    aggregateId: accountId,
    aggregateVersion: 1,
    data: { accountId, service: 'marketing', completedAt: new Date().toISOString() },
  });
}
