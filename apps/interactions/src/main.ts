/** Bootstrap only: config → database → outbox relay, consumer, schedulers → subgraph. Migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { TenantScopedDatabase, registerDatabaseGauges } from '@crm/database';
import {
  OutboxRelay,
  createKafka,
  ensureConsumedTopics,
  parseKafkaBrokers,
  registerEventConsumerGauges,
  registerOutboxRelayGauges,
} from '@crm/messaging';
import { createLogger, loadConfig, stopOnSignals } from '@crm/subgraph';
import { interactionsConfigShape } from './config';
import { CustomerMessageDispatcher } from './customer-messaging/customer-message.dispatcher';
import { configuredMessageSenders } from './customer-messaging/message-senders';
import { createInteractionsDataSource } from './database';
import { createInteractionsConsumer, interactionsConsumedTopics } from './events/consumer';
import { startInteractionsSubgraph } from './server';
import { ReminderScheduler } from './task/reminder-scheduler';

async function main(): Promise<void> {
  const config = loadConfig(interactionsConfigShape);
  const logger = createLogger('interactions', config.LOG_LEVEL);

  const { dataSource, sqlStatements } = createInteractionsDataSource(config.INTERACTIONS_DATABASE_URL, {
    poolSize: config.INTERACTIONS_DATABASE_POOL_SIZE,
    errorSink: logger,
  });
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);

  const kafka = createKafka({
    brokers: parseKafkaBrokers(config.KAFKA_BROKERS),
    clientId: 'interactions',
    logger,
  });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const relay = new OutboxRelay({
    service: 'interactions',
    database,
    kafka,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retention: { publishedRowsMaxAgeDays: config.OUTBOX_RETENTION_DAYS },
  });
  await relay.start();
  // A fresh environment may not have the publishers' topics yet; subscribing to a missing one fails.
  await ensureConsumedTopics(kafkaAdmin, interactionsConsumedTopics(config.KAFKA_TOPIC_PREFIX));
  const consumer = createInteractionsConsumer({
    kafka,
    database,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
  });
  await consumer.start();

  const reminders = new ReminderScheduler({ database, logger, intervalMs: config.SCHEDULER_INTERVAL_MS });
  reminders.start();
  const senders = configuredMessageSenders(config);
  const dispatcher = new CustomerMessageDispatcher({
    database,
    logger,
    senders,
    intervalMs: config.SCHEDULER_INTERVAL_MS,
    sendLeaseMs: config.MESSAGE_SEND_LEASE_MS,
  });
  dispatcher.start();

  const subgraph = await startInteractionsSubgraph({
    config,
    logger,
    database,
    readinessChecks: [
      { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
      { name: 'kafka', check: async () => void (await kafkaAdmin.describeCluster()) },
    ],
    onShutdown: [
      () => reminders.stop(),
      () => dispatcher.stop(),
      ...senders.map((sender) => () => sender.close()),
      () => consumer.stop(),
      () => relay.stop(),
      () => kafkaAdmin.disconnect(),
      () => dataSource.destroy(),
    ],
    registerMetrics: (metrics) => {
      registerDatabaseGauges(metrics, dataSource, sqlStatements);
      registerOutboxRelayGauges(metrics, relay);
      registerEventConsumerGauges(metrics, 'interactions_consumer', consumer);
      metrics.observedGauge(
        'reminders_fired',
        'Reminders this instance fired since start',
        () => reminders.fired,
      );
      metrics.observedGauge(
        'customer_messages_sent',
        'Customer messages sent since start',
        () => dispatcher.metrics.sent,
      );
      metrics.observedGauge(
        'customer_messages_failed',
        'Customer messages given up as FAILED since start',
        () => dispatcher.metrics.failed,
      );
      metrics.observedGauge(
        'customer_messages_unconfirmed',
        'Customer messages whose send a crash cut off (not resent) since start',
        () => dispatcher.metrics.unconfirmed,
      );
    },
  });
  stopOnSignals(subgraph, logger, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `interactions failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
