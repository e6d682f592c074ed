import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  assertExpectedVersion,
  assertPageSize,
  type Caller,
  FieldErrors,
  inRequestedOrder,
  queryableIds,
  decodeListingCursor,
  listingEdges,
} from '@crm/subgraph';
import type { AccountFilter, CreateAccountInput, UpdateAccountInput } from '../generated/graphql';
import { todayInUtc } from '../common/today';
import { publishAccountArchived, publishAccountCreated, publishAccountUpdated } from '../events/publishers';
import { requireTenant } from '../tenant/tenant.service';
import { accountFieldsOf, changedAccountFields } from './account.defaults';
import { AccountEntity } from './account.entity';
import { AccountNotFoundError, ArchivedAccountError } from './account.errors';
import type { AccountPage } from './account.page';
import {
  filteredAccounts,
  inListingOrder,
  lockAccountHierarchy,
  selectAccountForUpdate,
} from './account.query';
import { checkAccountReferences } from './account.references';
import { accountSearchText } from './account.search';
import { validateAccountChanges, validateNewAccount } from './account.validation';

export class AccountService {
  constructor(private readonly database: TenantScopedDatabase) {}

  createAccount(caller: Caller, input: CreateAccountInput): Promise<AccountEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const tenant = await requireTenant(manager, caller.tenantId);
      const errors = new FieldErrors('input');
      const fields = validateNewAccount(errors, input, {
        phoneRegion: tenant.phoneRegion,
        today: todayInUtc(),
      });
      await checkAccountReferences(manager, errors, caller.tenantId, fields, null);
      errors.throwIfAny();

      const account = manager.create(AccountEntity, {
        ...fields,
        tenantId: caller.tenantId,
        id: uuidv7(),
        archivedAt: null,
        searchText: accountSearchText(fields),
      });
      await manager.insert(AccountEntity, account); // fills in version and timestamps
      await publishAccountCreated(manager, account, caller.userId);
      return account;
    });
  }

  /** Unchanged values write nothing and publish nothing. */
  updateAccount(caller: Caller, input: UpdateAccountInput): Promise<AccountEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      if (input.parentId) await lockAccountHierarchy(manager, caller.tenantId);
      const account = await lockAccount(manager, caller.tenantId, input.id);
      assertExpectedVersion(`account ${account.id}`, account.version, input.expectedVersion);
      if (account.archivedAt) throw new ArchivedAccountError(account.id);

      const tenant = await requireTenant(manager, caller.tenantId);
      const errors = new FieldErrors('input');
      const current = accountFieldsOf(account);
      const next = validateAccountChanges(errors, current, input, {
        phoneRegion: tenant.phoneRegion,
        today: todayInUtc(),
      });
      await checkAccountReferences(manager, errors, caller.tenantId, next, account);
      errors.throwIfAny();

      const changedFields = changedAccountFields(current, next);
      if (changedFields.length === 0) return account;
      Object.assign(account, next, { searchText: accountSearchText(next) });
      await manager.save(account); // bumps version and updatedAt
      await publishAccountUpdated(manager, account, changedFields, caller.userId);
      return account;
    });
  }

  /** Idempotent: archiving an archived account changes and publishes nothing. */
  archiveAccount(caller: Caller, id: string): Promise<AccountEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const account = await lockAccount(manager, caller.tenantId, id);
      if (account.archivedAt) return account;
      account.archivedAt = new Date();
      await manager.save(account);
      await publishAccountArchived(manager, account, caller.userId);
      return account;
    });
  }

  /** By id, in the order asked, archived included (references must still resolve); unknown ids are null. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<(AccountEntity | null)[]> {
    const wanted = queryableIds(ids);
    const accounts =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) =>
            manager
              .createQueryBuilder(AccountEntity, 'account')
              .where('account.tenantId = :tenantId AND account.id = ANY(:ids)', { tenantId, ids: wanted })
              .getMany(),
          );
    return inRequestedOrder(ids, accounts);
  }

  async listAccounts(
    tenantId: string,
    filter: AccountFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<AccountPage> {
    const pageSize = assertPageSize(first, 'first');
    const position = after ? decodeListingCursor(after, 'after') : null;
    const rows = await this.database.inTenant(tenantId, (manager) =>
      inListingOrder(filteredAccounts(manager, tenantId, filter), position)
        .limit(pageSize + 1)
        .getMany(),
    );
    return { ...listingEdges(rows, pageSize), countTotal: () => this.countAccounts(tenantId, filter) };
  }

  async countAccounts(tenantId: string, filter: AccountFilter | null | undefined): Promise<number> {
    const result = await this.database.inTenant(tenantId, (manager) =>
      filteredAccounts(manager, tenantId, filter)
        .select('COUNT(*)::int', 'count')
        .getRawOne<{ count: number }>(),
    );
    return result?.count ?? 0;
  }
}

async function lockAccount(manager: EntityManager, tenantId: string, id: string): Promise<AccountEntity> {
  const account = await selectAccountForUpdate(manager, tenantId, id);
  if (!account) throw new AccountNotFoundError(id);
  return account;
}
