import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crm/testing';
import { accountsDatabaseOptions } from '../../src/database';

export type AccountsTestDatabase = MigratedTestDatabase;

/** A fresh accounts database for one test file, migrated; the service side runs as the application role. */
export function createAccountsTestDatabase(): Promise<AccountsTestDatabase> {
  return createMigratedTestDatabase('accounts', (url) => accountsDatabaseOptions(url));
}
