import type { EntityManager } from 'typeorm';
import type { FieldErrors } from '@crm/subgraph';
import { findUsers } from '../user/user.service';
import type { AccountFields } from './account.defaults';
import { AccountEntity } from './account.entity';

/** Accounts deeper than this in a hierarchy are not looked at when searching for a cycle. */
const MAX_HIERARCHY_DEPTH = 100;

/**
 * The owner and parent an account points to must be the tenant's own (the composite foreign keys
 * guarantee that much), and usable: an active team member; a live company that is not the account
 * itself or one of its descendants. Only references that change are checked.
 */
export async function checkAccountReferences(
  manager: EntityManager,
  errors: FieldErrors,
  tenantId: string,
  next: Pick<AccountFields, 'ownerId' | 'parentId'>,
  current: Pick<AccountEntity, 'id' | 'ownerId' | 'parentId'> | null,
): Promise<void> {
  if (next.ownerId && next.ownerId !== current?.ownerId) {
    const [owner] = await findUsers(manager, tenantId, [next.ownerId]);
    if (!owner?.active) errors.add('ownerId', 'is not an active member of your team');
  }
  if (next.parentId && next.parentId !== current?.parentId) {
    const parent = await manager.findOneBy(AccountEntity, { tenantId, id: next.parentId });
    if (!parent) errors.add('parentId', 'is not one of your accounts');
    else if (parent.kind !== 'COMPANY') errors.add('parentId', 'must be a COMPANY account');
    else if (parent.archivedAt) errors.add('parentId', 'is archived');
    else if (current && (await wouldCreateCycle(manager, tenantId, current.id, parent.id))) {
      errors.add('parentId', 'would put the account below itself in the hierarchy');
    }
  }
}

/** Walks up from the new parent: meeting the account itself means the hierarchy would loop. */
async function wouldCreateCycle(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  newParentId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `WITH RECURSIVE "chain" ("id", "parent_id", "depth") AS (
       SELECT "id", "parent_id", 1 FROM "accounts" WHERE "tenant_id" = $1 AND "id" = $2
       UNION ALL
       SELECT "a"."id", "a"."parent_id", "chain"."depth" + 1
       FROM "accounts" "a" JOIN "chain" ON "a"."tenant_id" = $1 AND "a"."id" = "chain"."parent_id"
       WHERE "chain"."depth" < $4
     )
     SELECT 1 FROM "chain" WHERE "id" = $3 LIMIT 1`,
    [tenantId, newParentId, accountId, MAX_HIERARCHY_DEPTH],
  );
  return rows.length > 0;
}
