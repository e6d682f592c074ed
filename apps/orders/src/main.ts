/** Bootstrap only: the service host runs the lifecycle; migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { runSubgraphService } from '@crm/service-host';
import { loadConfig } from '@crm/subgraph';
import { ordersConfigShape } from './config';
import { createOrdersDataSource } from './database';
import { createOrdersEventConsumer } from './events/orders-event-consumer';
import { startOrdersSubgraph } from './server';

void runSubgraphService({
  name: 'orders',
  config: () => loadConfig(ordersConfigShape),
  dataSource: (config, logger) =>
    createOrdersDataSource(config.ORDERS_DATABASE_URL, {
      poolSize: config.ORDERS_DATABASE_POOL_SIZE,
      errorSink: logger,
    }),
  parts: ({ config, kafka, database, logger }) => ({
    consumers: [
      {
        consumer: createOrdersEventConsumer({
          kafka,
          database,
          logger,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        gaugePrefix: 'orders_event_consumer',
      },
    ],
    inboxRetentionDays: config.INBOX_RETENTION_DAYS,
    startSubgraph: startOrdersSubgraph,
  }),
});
