/** Bootstrap only: the service host runs the lifecycle; migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { runSubgraphService } from '@crm/service-host';
import { loadConfig } from '@crm/subgraph';
import { accountsConfigShape } from './config';
import { createAccountsDataSource } from './database';
import { INBOX_RETENTION_DAYS, createAccountsEventConsumer } from './events/accounts-event-consumer';
import { importJobRetentionTask } from './import/import-job-retention';
import { startAccountsSubgraph } from './server';

void runSubgraphService({
  name: 'accounts',
  config: () => loadConfig(accountsConfigShape),
  dataSource: (config, logger) =>
    createAccountsDataSource(config.ACCOUNTS_DATABASE_URL, {
      poolSize: config.ACCOUNTS_DATABASE_POOL_SIZE,
      errorSink: logger,
    }),
  parts: ({ config, kafka, database, logger }) => ({
    consumers: [
      {
        consumer: createAccountsEventConsumer({
          kafka,
          database,
          logger,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        gaugePrefix: 'accounts_consumer',
      },
    ],
    inboxRetentionDays: INBOX_RETENTION_DAYS,
    workers: [importJobRetentionTask({ database, logger, retentionDays: config.IMPORT_JOB_RETENTION_DAYS })],
    startSubgraph: startAccountsSubgraph,
  }),
});
