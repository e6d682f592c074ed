import {
  createServiceDataSource,
  type ServiceDataSource,
  type ServiceDataSourceOptions,
} from '@crm/database';
import { marketingMigrations } from './migrations';

/**
 * The one description of the marketing database, shared by the service, migrations and tests.
 * No entities: every query is hand-written SQL (segment queries are compiled, the sender claims with
 * FOR UPDATE SKIP LOCKED, projections upsert), so an ORM mapping would only be a second schema.
 */
export function marketingDatabaseOptions(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSourceOptions {
  return {
    url,
    applicationName: 'crm-marketing',
    entities: [],
    migrations: marketingMigrations,
    ...overrides,
  };
}

export function createMarketingDataSource(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSource {
  return createServiceDataSource(marketingDatabaseOptions(url, overrides));
}
