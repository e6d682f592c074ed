import { type ReadinessCheck, type RunningSubgraph, type ServiceMetrics, startSubgraph } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { Logger } from 'pino';
import { ordersAccessRules } from './access-rules';
import type { OrdersConfig } from './config';
import { ordersLoaderFactory } from './loaders';
import { createOrdersResolvers } from './resolvers';
import { loadOrdersTypeDefs } from './schema';
import { createOrdersServices } from './services';

export interface OrdersSubgraphOptions {
  config: OrdersConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics?: (metrics: ServiceMetrics) => void;
}

/** The orders subgraph over a database that is already connected and migrated. */
export function startOrdersSubgraph(options: OrdersSubgraphOptions): Promise<RunningSubgraph> {
  const services = createOrdersServices(options.database);
  return startSubgraph({
    name: 'orders',
    typeDefs: loadOrdersTypeDefs(),
    resolvers: createOrdersResolvers(services),
    accessRules: ordersAccessRules,
    config: options.config,
    logger: options.logger,
    createLoaders: ordersLoaderFactory(services),
    readinessChecks: options.readinessChecks,
    onShutdown: options.onShutdown,
    registerMetrics: options.registerMetrics,
  });
}
