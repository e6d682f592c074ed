import { type ReadinessCheck, type RunningSubgraph, type ServiceMetrics, startSubgraph } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { Logger } from 'pino';
import { marketingAccessRules } from './access-rules';
import type { MarketingConfig } from './config';
import { marketingLoaderFactory } from './loaders';
import { createMarketingResolvers } from './resolvers';
import { loadMarketingTypeDefs } from './schema';
import type { MarketingServices } from './services';
import type { LinkSigner } from './tracking/link-token';
import { publicRoutes } from './tracking/public-routes';

export interface MarketingSubgraphOptions {
  config: MarketingConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  services: MarketingServices;
  signer: LinkSigner;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics?: (metrics: ServiceMetrics) => void;
}

/** The marketing subgraph and its public link routes, over a database that is connected and migrated. */
export function startMarketingSubgraph(options: MarketingSubgraphOptions): Promise<RunningSubgraph> {
  const { services } = options;
  return startSubgraph({
    name: 'marketing',
    typeDefs: loadMarketingTypeDefs(),
    resolvers: createMarketingResolvers(services),
    accessRules: marketingAccessRules,
    config: options.config,
    logger: options.logger,
    createLoaders: marketingLoaderFactory(services),
    readinessChecks: options.readinessChecks,
    onShutdown: options.onShutdown,
    registerMetrics: options.registerMetrics,
    httpRoutes: ({ logger }) =>
      publicRoutes({ database: options.database, signer: options.signer, visits: services.visits, logger }),
  });
}
