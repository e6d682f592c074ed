/** Bootstrap only: config → database → outbox relay → event consumer → subgraph. Migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { TenantScopedDatabase, registerDatabaseGauges } from '@crm/database';
import {
  InboxRetention,
  OutboxRelay,
  createKafka,
  parseKafkaBrokers,
  registerEventConsumerGauges,
  registerOutboxRelayGauges,
} from '@crm/messaging';
import { createLogger, loadConfig, stopOnSignals } from '@crm/subgraph';
import { ordersConfigShape } from './config';
import { createOrdersDataSource } from './database';
import { createOrdersEventConsumer } from './events/orders-event-consumer';
import { startOrdersSubgraph } from './server';

async function main(): Promise<void> {
  const config = loadConfig(ordersConfigShape);
  const logger = createLogger('orders', config.LOG_LEVEL);

  const { dataSource, sqlStatements } = createOrdersDataSource(config.ORDERS_DATABASE_URL, {
    poolSize: config.ORDERS_DATABASE_POOL_SIZE,
    errorSink: logger,
  });
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);

  const kafka = createKafka({ brokers: parseKafkaBrokers(config.KAFKA_BROKERS), clientId: 'orders', logger });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const relay = new OutboxRelay({
    service: 'orders',
    database,
    kafka,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retention: { publishedRowsMaxAgeDays: config.OUTBOX_RETENTION_DAYS },
  });
  await relay.start();
  const consumer = createOrdersEventConsumer({
    kafka,
    database,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
  });
  await consumer.start();
  const inboxRetention = new InboxRetention({
    database,
    logger,
    processedEntriesMaxAgeDays: config.INBOX_RETENTION_DAYS,
  });
  inboxRetention.start();

  const subgraph = await startOrdersSubgraph({
    config,
    logger,
    database,
    readinessChecks: [
      { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
      { name: 'kafka', check: async () => void (await kafkaAdmin.describeCluster()) },
    ],
    onShutdown: [
      () => consumer.stop(),
      () => inboxRetention.stop(),
      () => relay.stop(),
      () => kafkaAdmin.disconnect(),
      () => dataSource.destroy(),
    ],
    registerMetrics: (metrics) => {
      registerDatabaseGauges(metrics, dataSource, sqlStatements);
      registerOutboxRelayGauges(metrics, relay);
      registerEventConsumerGauges(metrics, 'orders_event_consumer', consumer);
    },
  });
  stopOnSignals(subgraph, logger, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  process.stderr.write(`orders failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
