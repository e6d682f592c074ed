/** Bootstrap only: config → database → outbox relay → event consumer → subgraph. Migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { TenantScopedDatabase, registerDatabaseGauges } from '@crm/database';
import {
  InboxRetention,
  OutboxRelay,
  createKafka,
  ensureConsumedTopics,
  parseKafkaBrokers,
  registerEventConsumerGauges,
  registerOutboxRelayGauges,
} from '@crm/messaging';
import { createLogger, loadConfig, stopOnSignals } from '@crm/subgraph';
import { pipelineConfigShape } from './config';
import { createPipelineDataSource } from './database';
import { createPipelineConsumer, pipelineConsumedTopics } from './events/consumers';
import { QuoteExpirySweeper } from './quote/quote-expiry.sweeper';
import { startPipelineSubgraph } from './server';

async function main(): Promise<void> {
  const config = loadConfig(pipelineConfigShape);
  const logger = createLogger('pipeline', config.LOG_LEVEL);

  const { dataSource, sqlStatements } = createPipelineDataSource(config.PIPELINE_DATABASE_URL, {
    poolSize: config.PIPELINE_DATABASE_POOL_SIZE,
    errorSink: logger,
  });
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);

  const kafka = createKafka({
    brokers: parseKafkaBrokers(config.KAFKA_BROKERS),
    clientId: 'pipeline',
    logger,
  });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const relay = new OutboxRelay({
    service: 'pipeline',
    database,
    kafka,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retention: { publishedRowsMaxAgeDays: config.OUTBOX_RETENTION_DAYS },
  });
  await relay.start();
  // pipeline may start before accounts or orders ever published: subscribing needs the topics.
  await ensureConsumedTopics(kafkaAdmin, pipelineConsumedTopics(config.KAFKA_TOPIC_PREFIX));
  const consumer = createPipelineConsumer({
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
  const expirySweeper = new QuoteExpirySweeper({
    database,
    logger,
    sweepEveryMs: config.QUOTE_EXPIRY_SWEEP_MS,
  });
  expirySweeper.start();

  const subgraph = await startPipelineSubgraph({
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
      () => expirySweeper.stop(),
      () => relay.stop(),
      () => kafkaAdmin.disconnect(),
      () => dataSource.destroy(),
    ],
    registerMetrics: (metrics) => {
      registerDatabaseGauges(metrics, dataSource, sqlStatements);
      registerOutboxRelayGauges(metrics, relay);
      registerEventConsumerGauges(metrics, 'projections_consumer', consumer);
    },
  });
  stopOnSignals(subgraph, logger, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  process.stderr.write(`pipeline failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
