/** Bootstrap only: the service host runs the lifecycle; migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { runSubgraphService } from '@crm/service-host';
import { loadConfig } from '@crm/subgraph';
import { pipelineConfigShape } from './config';
import { createPipelineDataSource } from './database';
import { createPipelineConsumer } from './events/consumers';
import { quoteExpiryTask } from './quote/quote-expiry.sweeper';
import { startPipelineSubgraph } from './server';

void runSubgraphService({
  name: 'pipeline',
  config: () => loadConfig(pipelineConfigShape),
  dataSource: (config, logger) =>
    createPipelineDataSource(config.PIPELINE_DATABASE_URL, {
      poolSize: config.PIPELINE_DATABASE_POOL_SIZE,
      errorSink: logger,
    }),
  parts: ({ config, kafka, database, logger }) => ({
    consumers: [
      {
        consumer: createPipelineConsumer({ kafka, database, logger, topicPrefix: config.KAFKA_TOPIC_PREFIX }),
        gaugePrefix: 'projections_consumer',
      },
    ],
    inboxRetentionDays: config.INBOX_RETENTION_DAYS,
    workers: [quoteExpiryTask({ database, logger, sweepEveryMs: config.QUOTE_EXPIRY_SWEEP_MS })],
    startSubgraph: startPipelineSubgraph,
  }),
});
