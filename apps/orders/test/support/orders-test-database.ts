import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crm/testing';
import { ordersDatabaseOptions } from '../../src/database';

export type OrdersTestDatabase = MigratedTestDatabase;

/** A fresh orders database for one test file, migrated; the service side runs as the application role. */
export function createOrdersTestDatabase(): Promise<OrdersTestDatabase> {
  return createMigratedTestDatabase('orders', (url) => ordersDatabaseOptions(url));
}
