import type { EntityManager } from 'typeorm';
import { AccountErased, AccountMerged } from '@crm/events';
import { factsAbout, publishEvent } from '@crm/messaging';
import type { AccountEntity } from '../account/account.entity';
import { accountSnapshot } from './publishers';

/** Merges and erasures, published in the transaction of the change like every accounts event. */

export async function publishAccountMerged(
  manager: EntityManager,
  survivor: AccountEntity,
  mergedIds: string[],
  movedContactIds: string[],
  actorId: string,
): Promise<void> {
  await publishEvent(manager, AccountMerged, {
    ...factsAbout(survivor, actorId),
    data: { survivorId: survivor.id, mergedIds, movedContactIds, survivor: accountSnapshot(survivor) },
  });
}

/** Ids and non-personal facts only: the event itself must not carry what it asks everyone to erase. */
export async function publishAccountErased(
  manager: EntityManager,
  account: AccountEntity,
  contactIds: string[],
  requestedAt: Date,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, AccountErased, {
    ...factsAbout(account, actorId),
    data: {
      accountId: account.id,
      contactIds,
      salesModel: account.salesModel,
      requestedAt: requestedAt.toISOString(),
    },
  });
}
