import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { assertExpectedVersion, FieldErrors, InvalidInputError, type Caller } from '@crm/subgraph';
import { accountFieldsOf } from '../account/account.defaults';
import { AccountEntity } from '../account/account.entity';
import { ArchivedAccountError } from '../account/account.errors';
import { lockAccountHierarchy } from '../account/account.query';
import { accountSearchText } from '../account/account.search';
import { erasedAccountIds } from '../erasure/erasure.store';
import { publishAccountMerged } from '../events/data-management.publishers';
import { AlreadyMergedError, ErasedAccountMergeError } from './merge.errors';
import { mergedAccountFields } from './merge.rules';
import { recordMerges, survivorsOf } from './merge.store';
import { validateMergeRequest } from './merge.validation';

/**
 * Folds duplicate accounts into a survivor in one transaction: the survivor's new values, the
 * contacts moved, the duplicates archived with a pointer to the survivor, and AccountMerged for
 * every service to re-point its own rows. Any rule broken → nothing written, nothing published.
 */
export class MergeService {
  constructor(private readonly database: TenantScopedDatabase) {}

  mergeAccounts(
    caller: Caller,
    survivorId: string,
    duplicateIds: readonly string[],
    expectedVersion: number | null | undefined,
  ): Promise<AccountEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const errors = new FieldErrors();
      const request = validateMergeRequest(errors, survivorId, duplicateIds);
      errors.throwIfAny();

      // Children of a duplicate get the survivor as parent: the same lock as any change of parent.
      await lockAccountHierarchy(manager, caller.tenantId);
      const locked = await lockAccounts(manager, caller.tenantId, [
        request.survivorId,
        ...request.duplicateIds,
      ]);
      const survivor = locked.get(request.survivorId);
      if (!survivor) errors.add('survivorId', 'is not one of your accounts');
      const duplicates = request.duplicateIds.flatMap((id, index) => {
        const duplicate = locked.get(id);
        if (!duplicate) errors.add(`duplicateIds[${index}]`, 'is not one of your accounts');
        return duplicate ? [duplicate] : [];
      });
      if (!survivor || errors.list.length > 0) throw new InvalidInputError([...errors.list]);

      await assertMergeable(manager, caller.tenantId, survivor, request.duplicateIds);
      assertExpectedVersion(`account ${survivor.id}`, survivor.version, expectedVersion);

      const merged = mergedAccountFields(accountFieldsOf(survivor), duplicates.map(accountFieldsOf));
      const mergedIds = new Set([survivor.id, ...request.duplicateIds]);
      if (merged.parentId !== null && mergedIds.has(merged.parentId)) merged.parentId = null;
      // An update even when no field changes: the merge itself is a new version of the survivor.
      await manager.update(
        AccountEntity,
        { tenantId: caller.tenantId, id: survivor.id },
        { ...merged, searchText: accountSearchText(merged) }, // TypeORM bumps version and updatedAt
      );
      const updated = await manager.findOneByOrFail(AccountEntity, {
        tenantId: caller.tenantId,
        id: survivor.id,
      });

      await repointChildren(manager, caller.tenantId, updated.id, request.duplicateIds);
      const movedContactIds = await moveContacts(manager, caller.tenantId, survivor.id, request.duplicateIds);
      await archiveDuplicates(manager, caller.tenantId, request.duplicateIds);
      await recordMerges(manager, caller.tenantId, survivor.id, request.duplicateIds, caller.userId);
      await publishAccountMerged(manager, updated, request.duplicateIds, movedContactIds, caller.userId);
      return updated;
    });
  }
}

/** Locks every account of the merge, in id order (the same order for every merge: no deadlocks). */
async function lockAccounts(
  manager: EntityManager,
  tenantId: string,
  ids: string[],
): Promise<Map<string, AccountEntity>> {
  const accounts = await manager
    .createQueryBuilder(AccountEntity, 'account')
    .where('account.tenantId = :tenantId AND account.id = ANY(:ids)', { tenantId, ids })
    .orderBy('account.id')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(accounts.map((account) => [account.id, account]));
}

async function assertMergeable(
  manager: EntityManager,
  tenantId: string,
  survivor: AccountEntity,
  duplicateIds: string[],
): Promise<void> {
  const ids = [survivor.id, ...duplicateIds];
  const survivors = await survivorsOf(manager, tenantId, ids);
  for (const id of ids) {
    const mergedInto = survivors.get(id);
    if (mergedInto) throw new AlreadyMergedError(id, mergedInto);
  }
  const erased = await erasedAccountIds(manager, tenantId, ids);
  for (const id of ids) if (erased.has(id)) throw new ErasedAccountMergeError(id);
  if (survivor.archivedAt) throw new ArchivedAccountError(survivor.id);
}

async function repointChildren(
  manager: EntityManager,
  tenantId: string,
  survivorId: string,
  duplicateIds: string[],
): Promise<void> {
  await manager.query(
    `UPDATE "accounts" SET "parent_id" = $2, "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "parent_id" = ANY($3::uuid[]) AND "id" <> $2 AND NOT "id" = ANY($3::uuid[])`,
    [tenantId, survivorId, duplicateIds],
  );
}

/**
 * The duplicates' contacts join the survivor. At most one contact per account is primary: the
 * survivor's stays so; without one, the first duplicate's primary (in the order given) becomes it.
 */
async function moveContacts(
  manager: EntityManager,
  tenantId: string,
  survivorId: string,
  duplicateIds: string[],
): Promise<string[]> {
  const [primary] = (await manager.query(
    `SELECT "id" FROM "contacts" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]) AND "is_primary"
     ORDER BY array_position($2::uuid[], "account_id") LIMIT 1`,
    [tenantId, [survivorId, ...duplicateIds]],
  )) as { id: string }[];
  // Demote first: the one-primary-per-account index is checked row by row.
  await manager.query(
    `UPDATE "contacts" SET "is_primary" = false
     WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]) AND "is_primary" AND "id" <> $3`,
    [tenantId, duplicateIds, primary?.id ?? '00000000-0000-0000-0000-000000000000'],
  );
  const [moved] = (await manager.query(
    `UPDATE "contacts" SET "account_id" = $2, "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "account_id" = ANY($3::uuid[])
     RETURNING "id"`,
    [tenantId, survivorId, duplicateIds],
  )) as [{ id: string }[], number];
  return moved.map((row) => row.id).sort();
}

async function archiveDuplicates(
  manager: EntityManager,
  tenantId: string,
  duplicateIds: string[],
): Promise<void> {
  await manager.query(
    `UPDATE "accounts" SET "archived_at" = COALESCE("archived_at", now()), "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "id" = ANY($2::uuid[])`,
    [tenantId, duplicateIds],
  );
}
