import type { EntityManager } from 'typeorm';
import type { AccountErased, EventData, EventEnvelope } from '@crm/events';
import { AccountProfileEntity } from '../account-profile/account-profile.entity';
import { publishErasureCompleted } from './publishers';

const ERASED = '[erased]';

/**
 * Right to erasure. Orders keep what accounting must keep (numbers, lines, amounts, dates, the
 * account id as an opaque key) and lose what identifies a person: the contact, payment references,
 * tracking codes and the free text of cancellation and refund reasons. Acknowledged in the same
 * transaction; a redelivery finds nothing left to erase and is skipped by the inbox anyway.
 */
export async function eraseAccountData(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof AccountErased>>,
): Promise<void> {
  const { accountId, contactIds } = event.data;
  const tenantId = event.tenantid;
  const erasedOrders = `SELECT "id" FROM "orders" WHERE "tenant_id" = $1 AND ("account_id" = $2 OR "contact_id" = ANY($3))`;
  const parameters = [tenantId, accountId, contactIds];
  await manager.query(
    `UPDATE "payments" SET "reference" = NULL WHERE "tenant_id" = $1 AND "order_id" IN (${erasedOrders})`,
    parameters,
  );
  await manager.query(
    `UPDATE "refunds" SET "reason" = '${ERASED}' WHERE "tenant_id" = $1 AND "order_id" IN (${erasedOrders})`,
    parameters,
  );
  await manager.query(
    `UPDATE "shipments" SET "tracking_code" = NULL WHERE "tenant_id" = $1 AND "order_id" IN (${erasedOrders})`,
    parameters,
  );
  await manager.query(
    `UPDATE "orders" SET "contact_id" = NULL,
       "cancellation_reason" = CASE WHEN "cancellation_reason" IS NULL THEN NULL ELSE '${ERASED}' END,
       "personal_data_erased_at" = now(), "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND ("account_id" = $2 OR "contact_id" = ANY($3))`,
    parameters,
  );
  await manager.delete(AccountProfileEntity, { tenantId, accountId });
  await publishErasureCompleted(manager, tenantId, accountId, new Date());
}
