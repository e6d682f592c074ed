import { type ReadinessCheck, type RunningSubgraph, type ServiceMetrics, startSubgraph } from '@crm/subgraph';
import type { TenantScopedDatabase } from '@crm/database';
import type { Logger } from 'pino';
import { pipelineAccessRules } from './access-rules';
import type { PipelineConfig } from './config';
import { pipelineLoaderFactory } from './loaders';
import { createPipelineResolvers } from './resolvers';
import { loadPipelineTypeDefs } from './schema';
import { createPipelineServices } from './services';

export interface PipelineSubgraphOptions {
  config: PipelineConfig;
  logger: Logger;
  database: TenantScopedDatabase;
  readinessChecks: ReadinessCheck[];
  onShutdown: Array<() => Promise<void>>;
  registerMetrics?: (metrics: ServiceMetrics) => void;
}

/** The pipeline subgraph over a database that is already connected and migrated. */
export function startPipelineSubgraph(options: PipelineSubgraphOptions): Promise<RunningSubgraph> {
  const { config } = options;
  const services = createPipelineServices(options.database, {
    currency: config.PIPELINE_DEFAULT_CURRENCY,
    phoneRegion: config.PIPELINE_PHONE_REGION,
  });
  return startSubgraph({
    name: 'pipeline',
    typeDefs: loadPipelineTypeDefs(),
    resolvers: createPipelineResolvers(services),
    accessRules: pipelineAccessRules,
    config,
    logger: options.logger,
    createLoaders: pipelineLoaderFactory(services),
    readinessChecks: options.readinessChecks,
    onShutdown: options.onShutdown,
    registerMetrics: options.registerMetrics,
  });
}
