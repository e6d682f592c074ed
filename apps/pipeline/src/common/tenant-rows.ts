import type { EntityManager, EntityTarget } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { canonicalUuid, inRequestedOrder, isUuid, queryableIds } from '@crm/subgraph';

/** An aggregate keyed by (tenantId, id), as every entity here is. */
interface TenantRow {
  tenantId: string;
  id: string;
}

/** DataLoader's batch: the rows by id, in the order asked, null for unknown (or malformed) ids. */
export async function findInTenantByIds<T extends TenantRow>(
  database: TenantScopedDatabase,
  target: EntityTarget<T>,
  tenantId: string,
  ids: readonly string[],
): Promise<(T | null)[]> {
  const wanted = queryableIds(ids);
  const rows =
    wanted.length === 0
      ? []
      : await database.inTenant(tenantId, (manager) =>
          manager
            .createQueryBuilder(target, 'row')
            .where('row.tenantId = :tenantId AND row.id = ANY(:ids)', { tenantId, ids: wanted })
            .getMany(),
        );
  return inRequestedOrder(ids, rows);
}

/** The row, locked until the transaction ends (every write to the aggregate takes this lock first), or null. */
export function selectInTenantForUpdate<T extends TenantRow>(
  manager: EntityManager,
  target: EntityTarget<T>,
  tenantId: string,
  id: string,
): Promise<T | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return manager
    .createQueryBuilder(target, 'row')
    .where('row.tenantId = :tenantId AND row.id = :id', { tenantId, id: canonicalUuid(id) })
    .setLock('pessimistic_write')
    .getOne();
}
