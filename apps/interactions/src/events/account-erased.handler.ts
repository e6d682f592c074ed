import { AccountErased } from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import { publishErasureCompleted } from './publishers';

/** What personal text becomes once erased: the row stays, so counts and timings still add up. */
export const ERASED = '[erased]';

/**
 * Right to erasure: free text about the customer (activity subjects, bodies and outcomes, timeline
 * summaries, task titles and the notifications quoting them, customer messages and their
 * addresses) is blanked, and the projected contact data deleted. Types, channels, times, ids and
 * consent decisions stay: they are the non-personal facts analytics and the opt-out record need.
 */
export const accountErasedHandlers: EventHandlers = {
  ...on(AccountErased, async (manager, event) => {
    const { accountId, contactIds } = event.data;
    const tenantId = event.tenantid;
    const params = [tenantId, accountId, contactIds];
    await manager.query(
      `UPDATE "activities" SET "subject" = '${ERASED}', "body" = NULL, "outcome" = NULL, "updated_at" = now()
       WHERE "tenant_id" = $1 AND ("account_id" = $2 OR "id" IN (
         SELECT "activity_id" FROM "activity_contacts" WHERE "tenant_id" = $1 AND "contact_id" = ANY($3::uuid[])))`,
      params,
    );
    await manager.query(
      `UPDATE "timeline_entries" SET "summary" = '${ERASED}' WHERE "tenant_id" = $1 AND "account_id" = $2`,
      [tenantId, accountId],
    );
    await manager.query(
      `UPDATE "notifications" SET "message" = '${ERASED}'
       WHERE "tenant_id" = $1 AND "link" IN (SELECT '/tasks/' || "id" FROM "tasks" WHERE "tenant_id" = $1 AND "account_id" = $2)`,
      [tenantId, accountId],
    );
    await manager.query(
      `UPDATE "tasks" SET "title" = '${ERASED}', "updated_at" = now() WHERE "tenant_id" = $1 AND "account_id" = $2`,
      [tenantId, accountId],
    );
    await manager.query(
      `UPDATE "customer_messages" SET "recipient" = NULL, "subject" = '${ERASED}', "body" = '${ERASED}', "updated_at" = now()
       WHERE "tenant_id" = $1 AND "account_id" = $2`,
      [tenantId, accountId],
    );
    await manager.query(
      `DELETE FROM "contact_profiles" WHERE "tenant_id" = $1 AND ("account_id" = $2 OR "contact_id" = ANY($3::uuid[]))`,
      params,
    );
    await manager.query(`DELETE FROM "account_profiles" WHERE "tenant_id" = $1 AND "account_id" = $2`, [
      tenantId,
      accountId,
    ]);
    await publishErasureCompleted(manager, tenantId, accountId, new Date());
  }),
};
