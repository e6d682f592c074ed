import { type ReadinessCheck, type RunningSubgraph, type ServiceMetrics, startSubgraph } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { Logger } from 'pino';
import { interactionsAccessRules } from './access-rules';
import type { InteractionsConfig } from './config';
import { interactionsLoaderFactory } from './loaders';
import { createInteractionsResolvers } from './resolvers';
import { loadInteractionsTypeDefs } from './schema';
import { createInteractionsServices } from './services';

export interface InteractionsSubgraphOptions {
  config: InteractionsConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics?: (metrics: ServiceMetrics) => void;
}

/** The interactions subgraph over a database that is already connected and migrated. */
export function startInteractionsSubgraph(options: InteractionsSubgraphOptions): Promise<RunningSubgraph> {
  const services = createInteractionsServices(options.database);
  return startSubgraph({
    name: 'interactions',
    typeDefs: loadInteractionsTypeDefs(),
    resolvers: createInteractionsResolvers(services),
    accessRules: interactionsAccessRules,
    config: options.config,
    logger: options.logger,
    createLoaders: interactionsLoaderFactory(services),
    readinessChecks: options.readinessChecks,
    onShutdown: options.onShutdown,
    registerMetrics: options.registerMetrics,
  });
}
