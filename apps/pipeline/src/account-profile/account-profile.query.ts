import type { EntityManager } from 'typeorm';
import { AccountProfileEntity } from './account-profile.entity';

/** What this service knows of the account (null until accounts' events about it arrived). */
export function findAccountProfile(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<AccountProfileEntity | null> {
  return manager.findOne(AccountProfileEntity, { where: { tenantId, accountId } });
}
