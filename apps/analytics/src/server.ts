import { type ReadinessCheck, type RunningSubgraph, type ServiceMetrics, startSubgraph } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { Logger } from 'pino';
import { analyticsAccessRules } from './access-rules';
import type { AnalyticsConfig } from './config';
import { analyticsLoaderFactory } from './loaders';
import { createAnalyticsResolvers } from './resolvers';
import { loadAnalyticsTypeDefs } from './schema';
import { createAnalyticsServices } from './services';

export interface AnalyticsSubgraphOptions {
  config: AnalyticsConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics?: (metrics: ServiceMetrics) => void;
}

/** The analytics subgraph over a database that is already connected and migrated. */
export function startAnalyticsSubgraph(options: AnalyticsSubgraphOptions): Promise<RunningSubgraph> {
  const { config } = options;
  const services = createAnalyticsServices(options.database, {
    timeZone: config.ANALYTICS_DEFAULT_TIME_ZONE,
    reportingCurrency: config.ANALYTICS_DEFAULT_CURRENCY,
  });
  return startSubgraph({
    name: 'analytics',
    typeDefs: loadAnalyticsTypeDefs(),
    resolvers: createAnalyticsResolvers(services),
    accessRules: analyticsAccessRules,
    config,
    logger: options.logger,
    createLoaders: analyticsLoaderFactory(services),
    readinessChecks: options.readinessChecks,
    onShutdown: options.onShutdown,
    registerMetrics: options.registerMetrics,
  });
}
