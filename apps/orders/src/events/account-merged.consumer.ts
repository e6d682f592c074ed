import type { EntityManager } from 'typeorm';
import type { AccountMerged, EventData, EventEnvelope } from '@crm/events';
import { AccountProfileEntity } from '../account-profile/account-profile.entity';

/**
 * The merged accounts' orders now belong to the survivor (their version moves on: the order
 * changed), and only the survivor keeps a profile. Running it twice changes nothing more.
 */
export async function repointMergedAccounts(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof AccountMerged>>,
): Promise<void> {
  const { survivorId, mergedIds, survivor } = event.data;
  await manager.query(
    `UPDATE "orders" SET "account_id" = $2, "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "account_id" = ANY($3)`,
    [event.tenantid, survivorId, mergedIds],
  );
  await manager.delete(
    AccountProfileEntity,
    mergedIds.map((accountId) => ({ tenantId: event.tenantid, accountId })),
  );
  await manager.upsert(
    AccountProfileEntity,
    { tenantId: event.tenantid, accountId: survivorId, salesModel: survivor.salesModel, tier: survivor.tier },
    ['tenantId', 'accountId'],
  );
}
