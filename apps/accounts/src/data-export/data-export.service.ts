import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { isUuid, type Caller } from '@crm/subgraph';
import { AccountEntity } from '../account/account.entity';
import { AccountNotFoundError } from '../account/account.errors';
import { ContactEntity } from '../contact/contact.entity';
import { erasureAcknowledgements, findErasureRequest } from '../erasure/erasure.store';
import { currentAccountId, idsMergedInto } from '../merge/merge.store';

/** The federated export entity as accounts resolves it; other services add their own fields. */
export interface CustomerDataExportModel {
  accountId: string;
  exportedAt: Date;
  accounts: AccountsDataExport;
}

/** Everything accounts holds about one customer, as plain JSON. */
export interface AccountsDataExport {
  account: Record<string, unknown>;
  contacts: Record<string, unknown>[];
  /** Accounts merged into this one: the same customer, kept archived. */
  mergedAccounts: Record<string, unknown>[];
  erasure: { requestedAt: Date; acknowledgements: { service: string; completedAt: Date | null }[] } | null;
}

/**
 * GDPR Art 15/20 data export. A merged id exports its survivor (the customer lives on there), so
 * the federated entity's accountId is the survivor's, the id every service re-pointed its rows to.
 */
export class DataExportService {
  constructor(private readonly database: TenantScopedDatabase) {}

  exportAccount(caller: Caller, id: string): Promise<AccountsDataExport> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const accountId = await currentIdOf(manager, caller.tenantId, id);
      return exportOf(manager, caller.tenantId, accountId);
    });
  }

  customerDataExport(caller: Caller, id: string): Promise<CustomerDataExportModel> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const accountId = await currentIdOf(manager, caller.tenantId, id);
      return {
        accountId,
        exportedAt: new Date(),
        accounts: await exportOf(manager, caller.tenantId, accountId),
      };
    });
  }
}

async function currentIdOf(manager: EntityManager, tenantId: string, id: string): Promise<string> {
  if (!isUuid(id)) throw new AccountNotFoundError(id);
  return currentAccountId(manager, tenantId, id);
}

async function exportOf(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<AccountsDataExport> {
  const account = await manager.findOne(AccountEntity, { where: { tenantId, id: accountId } });
  if (!account) throw new AccountNotFoundError(accountId);
  const mergedIds = await idsMergedInto(manager, tenantId, accountId);
  const merged =
    mergedIds.length === 0
      ? []
      : await manager
          .createQueryBuilder(AccountEntity, 'account')
          .where('account.tenantId = :tenantId AND account.id = ANY(:ids)', { tenantId, ids: mergedIds })
          .orderBy('account.id')
          .getMany();
  const contacts = await manager.find(ContactEntity, {
    where: { tenantId, accountId },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const erasure = await findErasureRequest(manager, tenantId, accountId);
  return {
    account: exportedAccount(account),
    contacts: contacts.map(({ tenantId: _tenantId, ...contact }) => ({ ...contact })),
    mergedAccounts: merged.map(exportedAccount),
    erasure: erasure && {
      requestedAt: erasure.requestedAt,
      acknowledgements: await erasureAcknowledgements(manager, tenantId, accountId),
    },
  };
}

/** The stored account without the tenant and the search text (a derived copy of its names). */
function exportedAccount(account: AccountEntity): Record<string, unknown> {
  const { tenantId: _tenantId, searchText: _searchText, ...fields } = account;
  return { ...fields };
}
