import type { EntityManager } from 'typeorm';
import type { AccountCreated, AccountUpdated, EventData, EventEnvelope } from '@crm/events';
import { AccountProfileEntity } from '../account-profile/account-profile.entity';

/** Keeps each account's sales model and tier, the inputs of price-list selection. */
export async function projectAccountProfile(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof AccountCreated> | EventData<typeof AccountUpdated>>,
): Promise<void> {
  await manager.upsert(
    AccountProfileEntity,
    {
      tenantId: event.tenantid,
      accountId: event.data.accountId,
      salesModel: event.data.salesModel,
      tier: event.data.tier,
    },
    ['tenantId', 'accountId'],
  );
}
