import type { TenantScopedDatabase } from '@crm/database';
import { MetricsService } from './metrics/metrics.service';
import type { AnalyticsSettings } from './settings/analytics-settings';

/** One instance of each service per process, shared by every request. */
export interface AnalyticsServices {
  metrics: MetricsService;
}

export function createAnalyticsServices(
  database: TenantScopedDatabase,
  defaults: AnalyticsSettings,
): AnalyticsServices {
  return { metrics: new MetricsService(database, defaults) };
}
