/** Bootstrap only: config → database → outbox relay → profile consumer → sender loop, RFM refresher → subgraph. */
import 'reflect-metadata';
import { TenantScopedDatabase, registerDatabaseGauges } from '@crm/database';
import {
  OutboxRelay,
  createKafka,
  parseKafkaBrokers,
  registerEventConsumerGauges,
  registerOutboxRelayGauges,
} from '@crm/messaging';
import { createLogger, loadConfig, stopOnSignals } from '@crm/subgraph';
import { marketingConfigShape } from './config';
import { createMarketingDataSource } from './database';
import { createProfileConsumer } from './events/profile-consumer';
import { RfmRefresher } from './profile/rfm-refresher';
import { createCampaignSender } from './sending/create-sender';
import { startMarketingSubgraph } from './server';
import { createMarketingServices } from './services';
import { LinkSigner } from './tracking/link-token';
import { PublicLinks } from './tracking/public-links';

async function main(): Promise<void> {
  const config = loadConfig(marketingConfigShape);
  const logger = createLogger('marketing', config.LOG_LEVEL);

  const { dataSource, sqlStatements } = createMarketingDataSource(config.MARKETING_DATABASE_URL, {
    poolSize: config.MARKETING_DATABASE_POOL_SIZE,
    errorSink: logger,
  });
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);
  const services = createMarketingServices(database, { messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN });
  const signer = new LinkSigner(config.MARKETING_LINK_SECRET);

  const kafka = createKafka({
    brokers: parseKafkaBrokers(config.KAFKA_BROKERS),
    clientId: 'marketing',
    logger,
  });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const relay = new OutboxRelay({
    service: 'marketing',
    database,
    kafka,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    retention: { publishedRowsMaxAgeDays: config.OUTBOX_RETENTION_DAYS },
  });
  await relay.start();
  const profileConsumer = createProfileConsumer({
    kafka,
    database,
    logger,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
  });
  await profileConsumer.start();
  const sender = createCampaignSender({
    config,
    database,
    services,
    links: new PublicLinks(signer, config.MARKETING_PUBLIC_URL),
    logger,
  });
  sender.start();
  const rfmRefresher = new RfmRefresher({
    database,
    logger,
    windowDays: config.MARKETING_RFM_WINDOW_DAYS,
    intervalMs: config.MARKETING_RFM_REFRESH_MINUTES * 60_000,
  });
  rfmRefresher.start();

  const subgraph = await startMarketingSubgraph({
    config,
    logger,
    database,
    services,
    signer,
    readinessChecks: [
      { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
      { name: 'kafka', check: async () => void (await kafkaAdmin.describeCluster()) },
    ],
    onShutdown: [
      () => sender.stop(),
      () => rfmRefresher.stop(),
      () => profileConsumer.stop(),
      () => relay.stop(),
      () => kafkaAdmin.disconnect(),
      () => dataSource.destroy(),
    ],
    registerMetrics: (metrics) => {
      registerDatabaseGauges(metrics, dataSource, sqlStatements);
      registerOutboxRelayGauges(metrics, relay);
      registerEventConsumerGauges(metrics, 'marketing_profile_consumer', profileConsumer);
    },
  });
  stopOnSignals(subgraph, logger, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `marketing failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
