import type { TenantScopedDatabase } from '@crm/database';
import { AccountService } from './account/account.service';
import { ContactService } from './contact/contact.service';
import { TenantService } from './tenant/tenant.service';
import { UserService, type IdentitySettings } from './user/user.service';

/** One instance of each aggregate's service per process, shared by every request. */
export interface AccountsServices {
  tenants: TenantService;
  users: UserService;
  accounts: AccountService;
  contacts: ContactService;
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
  };
}
