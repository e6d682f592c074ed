import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crm/testing';
import { interactionsDatabaseOptions } from '../../src/database';

export type InteractionsTestDatabase = MigratedTestDatabase;

/** A fresh interactions database for one test file, migrated; the service side runs as the application role. */
export function createInteractionsTestDatabase(): Promise<InteractionsTestDatabase> {
  return createMigratedTestDatabase('interactions', (url) => interactionsDatabaseOptions(url));
}
