import {
  createServiceDataSource,
  type ServiceDataSource,
  type ServiceDataSourceOptions,
} from '@crm/database';
import { AccountEntity } from './account/account.entity';
import { ContactEntity } from './contact/contact.entity';
import { accountsMigrations } from './migrations';
import { TenantEntity } from './tenant/tenant.entity';
import { UserEntity } from './user/user.entity';

export const accountsEntities = [TenantEntity, UserEntity, AccountEntity, ContactEntity];

/** The one description of the accounts database, shared by the service, migrations and tests. */
export function accountsDatabaseOptions(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSourceOptions {
  return {
    url,
    applicationName: 'crm-accounts',
    entities: accountsEntities,
    migrations: accountsMigrations,
    ...overrides,
  };
}

export function createAccountsDataSource(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSource {
  return createServiceDataSource(accountsDatabaseOptions(url, overrides));
}
