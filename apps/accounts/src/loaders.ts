import DataLoader from 'dataloader';
import { requireCaller, type Caller } from '@crm/subgraph';
import { createAccountLoaders, type AccountLoaders } from './account/account.loaders';
import { createContactLoaders, type ContactLoaders } from './contact/contact.loaders';
import type { AccountsServices } from './services';
import { createTenantLoaders, type TenantLoaders } from './tenant/tenant.loaders';
import { createUserLoaders, type UserLoaders } from './user/user.loaders';

/** Per request, so batching and caching never cross requests or tenants. */
export interface AccountsLoaders {
  tenants: TenantLoaders;
  users: UserLoaders;
  accounts: AccountLoaders;
  contacts: ContactLoaders;
}

export function accountsLoaderFactory(
  services: AccountsServices,
): (caller: Caller | null) => AccountsLoaders {
  return (caller) => {
    // Public operations (signUp, login) have no caller; a loader used without one is unauthenticated.
    const callerTenantId = () => requireCaller({ caller }).tenantId;
    return {
      tenants: createTenantLoaders(services.tenants, callerTenantId),
      users: createUserLoaders(services.users, callerTenantId),
      accounts: {
        ...createAccountLoaders(services.accounts, callerTenantId),
        // A merged id (held by other services, links, bookmarks) resolves to its survivor.
        byId: new DataLoader((ids) =>
          services.mergedAccounts.findByIdsFollowingMerges(callerTenantId(), ids),
        ),
      },
      contacts: createContactLoaders(services.contacts, callerTenantId),
    };
  };
}
