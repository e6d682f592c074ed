/** Bootstrap only: config → database → outbox relay → event consumer → subgraph. Migrations run separately (migrate.ts). */
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
import { accountsConfigShape } from './config';
import { createAccountsDataSource } from './database';
import {
  accountsConsumedTopics,
  createAccountsEventConsumer,
  createAccountsInboxRetention,
} from './events/accounts-event-consumer';
import { startAccountsSubgraph } from './server';

async function main(): Promise<void> {
  const config = loadConfig(accountsConfigShape);
  const logger = createLogger('accounts', config.LOG_LEVEL);

  const { dataSource, sqlStatements } = createAccountsDataSource(config.ACCOUNTS_DATABASE_URL, {
    poolSize: config.ACCOUNTS_DATABASE_POOL_SIZE,
    errorSink: logger,
  });
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);

  const kafka = createKafka({
    brokers: parseKafkaBrokers(config.KAFKA_BROKERS),
    clientId: 'accounts',
    logger,
  });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const relay = new OutboxRelay({
    service: 'accounts',
    database,
    kafka,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retention: { publishedRowsMaxAgeDays: config.OUTBOX_RETENTION_DAYS },
  });
  await relay.start();
  await ensureConsumedTopics(kafkaAdmin, accountsConsumedTopics(config.KAFKA_TOPIC_PREFIX));
  const consumer = createAccountsEventConsumer({
    kafka,
    database,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
  });
  await consumer.start();
  const inboxRetention = createAccountsInboxRetention(database, logger);
  inboxRetention.start();

  const subgraph = await startAccountsSubgraph({
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
      registerEventConsumerGauges(metrics, 'accounts_consumer', consumer);
    },
  });
  stopOnSignals(subgraph, logger, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  process.stderr.write(`accounts failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
