/** Bootstrap only: the service host runs the lifecycle; migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { runSubgraphService } from '@crm/service-host';
import { loadConfig } from '@crm/subgraph';
import { analyticsConfigShape } from './config';
import { createAnalyticsDataSource } from './database';
import { createReadModelConsumer } from './events/read-model-consumer';
import { startAnalyticsSubgraph } from './server';

void runSubgraphService({
  name: 'analytics',
  config: () => loadConfig(analyticsConfigShape),
  dataSource: (config, logger) =>
    createAnalyticsDataSource(config.ANALYTICS_DATABASE_URL, {
      poolSize: config.ANALYTICS_DATABASE_POOL_SIZE,
      errorSink: logger,
    }),
  parts: ({ config, kafka, database, logger }) => ({
    consumers: [
      {
        consumer: createReadModelConsumer({
          kafka,
          database,
          logger,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          defaultTimeZone: config.ANALYTICS_DEFAULT_TIME_ZONE,
        }),
        gaugePrefix: 'analytics_read_model_consumer',
      },
    ],
    inboxRetentionDays: config.INBOX_RETENTION_DAYS,
    startSubgraph: startAnalyticsSubgraph,
  }),
});
