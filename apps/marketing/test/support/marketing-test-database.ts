import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crm/testing';
import { marketingDatabaseOptions } from '../../src/database';

/** A fresh, migrated marketing database for one test file, opened as the application role. */
export type MarketingTestDatabase = MigratedTestDatabase;

export function createMarketingTestDatabase(): Promise<MarketingTestDatabase> {
  return createMigratedTestDatabase('marketing', (url) => marketingDatabaseOptions(url));
}
