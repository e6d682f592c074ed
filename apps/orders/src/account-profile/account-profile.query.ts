import type { EntityManager } from 'typeorm';
import { InvalidInputError, isUuid } from '@crm/subgraph';
import { AccountProfileEntity } from './account-profile.entity';

/**
 * The buyer's sales model and tier as projected from accounts' events. An account orders has not
 * heard of (not yet, or erased) cannot be priced or sold to.
 */
export async function requireAccountProfile(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  field: string,
): Promise<AccountProfileEntity> {
  const profile = isUuid(accountId)
    ? await manager.findOneBy(AccountProfileEntity, { tenantId, accountId: accountId.toLowerCase() })
    : null;
  if (!profile) {
    throw new InvalidInputError([
      {
        field,
        message: 'is not an account of yours that orders knows of (new accounts arrive within seconds)',
      },
    ]);
  }
  return profile;
}
