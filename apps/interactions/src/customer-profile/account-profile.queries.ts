import type { EntityManager } from 'typeorm';
import { AccountProfileEntity } from './account-profile.entity';

/** As far as accounts' events have told us: an account never heard of counts as active. */
export async function isAccountArchived(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<boolean> {
  const profile = await manager.findOne(AccountProfileEntity, {
    select: { archived: true },
    where: { tenantId, accountId },
  });
  return profile?.archived ?? false;
}
