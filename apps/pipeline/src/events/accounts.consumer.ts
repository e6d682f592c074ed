import type { EntityManager } from 'typeorm';
import {
  AccountArchived,
  AccountCreated,
  AccountErased,
  AccountMerged,
  AccountUpdated,
  type EventData,
} from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import { AccountProfileEntity } from '../account-profile/account-profile.entity';
import { erasePersonalData } from '../account-profile/account-erasure';
import { publishErasureCompleted } from './publishers';

/**
 * accounts' events: the account profile projection (sales model and tier choose price lists;
 * archived accounts get no new deals), merges (re-point) and erasures (anonymise, acknowledge).
 * Each handler is idempotent on its own, and the inbox makes a redelivery a no-op anyway.
 */

type AccountSnapshot = EventData<typeof AccountCreated>;

async function upsertProfile(
  manager: EntityManager,
  tenantId: string,
  account: AccountSnapshot,
): Promise<void> {
  await manager.upsert(
    AccountProfileEntity,
    {
      tenantId,
      accountId: account.accountId,
      salesModel: account.salesModel,
      tier: account.tier,
      archived: account.archived,
    },
    ['tenantId', 'accountId'],
  );
}

export const accountsEventHandlers: EventHandlers = {
  ...on(AccountCreated, (manager, event) => upsertProfile(manager, event.tenantid, event.data)),
  ...on(AccountUpdated, (manager, event) => upsertProfile(manager, event.tenantid, event.data)),
  ...on(AccountArchived, async (manager, event) => {
    await manager.query(
      `INSERT INTO "account_profiles" ("tenant_id", "account_id", "sales_model", "tier", "archived")
       VALUES ($1, $2, $3, NULL, true)
       ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET "archived" = true`,
      [event.tenantid, event.data.accountId, event.data.salesModel],
    );
  }),
  ...on(AccountMerged, async (manager, event) => {
    const { survivorId, mergedIds, survivor } = event.data;
    const parameters = [event.tenantid, survivorId, mergedIds];
    await manager.query(
      `UPDATE "opportunities" SET "account_id" = $2 WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])`,
      parameters,
    );
    await manager.query(
      `UPDATE "leads" SET "converted_account_id" = $2 WHERE "tenant_id" = $1 AND "converted_account_id" = ANY($3::uuid[])`,
      parameters,
    );
    await manager.query(
      `DELETE FROM "account_profiles" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[])`,
      [event.tenantid, mergedIds],
    );
    await upsertProfile(manager, event.tenantid, survivor);
  }),
  ...on(AccountErased, async (manager, event) => {
    await erasePersonalData(manager, event.tenantid, event.data.accountId, event.data.contactIds);
    await publishErasureCompleted(manager, event.tenantid, event.data.accountId);
  }),
};
