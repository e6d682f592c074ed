import {
  createServiceDataSource,
  type ServiceDataSource,
  type ServiceDataSourceOptions,
} from '@crm/database';
import { analyticsMigrations } from './migrations';

/**
 * The one description of the analytics database, shared by the service, migrations, the rebuild
 * and tests. No entities: the read model is written and read with set-based SQL only.
 */
export function analyticsDatabaseOptions(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSourceOptions {
  return {
    url,
    applicationName: 'crm-analytics',
    entities: [],
    migrations: analyticsMigrations,
    ...overrides,
  };
}

export function createAnalyticsDataSource(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSource {
  return createServiceDataSource(analyticsDatabaseOptions(url, overrides));
}
