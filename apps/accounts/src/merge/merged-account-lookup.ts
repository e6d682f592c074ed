import type { TenantScopedDatabase } from '@crm/database';
import { queryableIds } from '@crm/subgraph';
import { AccountEntity } from '../account/account.entity';
import { survivorsOf } from './merge.store';

/**
 * Accounts by id where a merged id stands for its survivor: `account(id)` and entity references
 * with an id other services (or bookmarks) still hold keep working after a merge.
 */
export class MergedAccountLookup {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** In the order asked; a merged id answers with its survivor; unknown ids are null. */
  async findByIdsFollowingMerges(
    tenantId: string,
    ids: readonly string[],
  ): Promise<(AccountEntity | null)[]> {
    const wanted = queryableIds(ids);
    if (wanted.length === 0) return ids.map(() => null);
    return this.database.inTenant(tenantId, async (manager) => {
      const survivors = await survivorsOf(manager, tenantId, wanted);
      const current = [...new Set(wanted.map((id) => survivors.get(id) ?? id))];
      const accounts = await manager
        .createQueryBuilder(AccountEntity, 'account')
        .where('account.tenantId = :tenantId AND account.id = ANY(:ids)', { tenantId, ids: current })
        .getMany();
      const byId = new Map(accounts.map((account) => [account.id, account]));
      return ids.map((id) => byId.get(survivors.get(id) ?? id) ?? null);
    });
  }
}
