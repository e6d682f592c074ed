import type { TenantScopedDatabase } from '@crm/database';
import { AccountService } from './account/account.service';
import { ContactService } from './contact/contact.service';
import { DataExportService } from './data-export/data-export.service';
import { DuplicatesService } from './duplicates/duplicates.service';
import { ErasureService } from './erasure/erasure.service';
import { MergeService } from './merge/merge.service';
import { MergedAccountLookup } from './merge/merged-account-lookup';
import { CsvExportService } from './csv-export/csv-export.service';
import { AccountImportService } from './import/account-import.service';
import { TenantService } from './tenant/tenant.service';
import { UserService, type IdentitySettings } from './user/user.service';

/** One instance of each aggregate's service per process, shared by every request. */
export interface AccountsServices {
  tenants: TenantService;
  users: UserService;
  accounts: AccountService;
  contacts: ContactService;
  mergedAccounts: MergedAccountLookup;
  merges: MergeService;
  duplicates: DuplicatesService;
  erasures: ErasureService;
  dataExports: DataExportService;
  imports: AccountImportService;
  csvExports: CsvExportService;
}

export function createAccountsServices(
  database: TenantScopedDatabase,
  identity: IdentitySettings,
): AccountsServices {
  return {
    tenants: new TenantService(database),
    users: new UserService(database, identity),
    accounts: new AccountService(database),
    contacts: new ContactService(database),
    mergedAccounts: new MergedAccountLookup(database),
    merges: new MergeService(database),
    duplicates: new DuplicatesService(database),
    erasures: new ErasureService(database),
    dataExports: new DataExportService(database),
    imports: new AccountImportService(database),
    csvExports: new CsvExportService(database),
  };
}
