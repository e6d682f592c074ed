/** Bootstrap only: the service host runs the lifecycle; migrations run separately (migrate.ts). */
import 'reflect-metadata';
import { runSubgraphService } from '@crm/service-host';
import { loadConfig } from '@crm/subgraph';
import { interactionsConfigShape } from './config';
import { CustomerMessageDispatcher } from './customer-messaging/customer-message.dispatcher';
import { configuredMessageSenders } from './customer-messaging/message-senders';
import { createInteractionsDataSource } from './database';
import { createInteractionsConsumer } from './events/consumer';
import { startInteractionsSubgraph } from './server';
import { ReminderScheduler } from './task/reminder-scheduler';

void runSubgraphService({
  name: 'interactions',
  config: () => loadConfig(interactionsConfigShape),
  dataSource: (config, logger) =>
    createInteractionsDataSource(config.INTERACTIONS_DATABASE_URL, {
      poolSize: config.INTERACTIONS_DATABASE_POOL_SIZE,
      errorSink: logger,
    }),
  parts: ({ config, kafka, database, logger }) => {
    const reminders = new ReminderScheduler({ database, logger, intervalMs: config.SCHEDULER_INTERVAL_MS });
    const senders = configuredMessageSenders(config);
    const dispatcher = new CustomerMessageDispatcher({
      database,
      logger,
      senders,
      intervalMs: config.SCHEDULER_INTERVAL_MS,
      sendLeaseMs: config.MESSAGE_SEND_LEASE_MS,
    });
    return {
      consumers: [
        {
          consumer: createInteractionsConsumer({
            kafka,
            database,
            logger,
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
          }),
          gaugePrefix: 'interactions_consumer',
        },
      ],
      // The senders close after the dispatcher that sends through them has stopped.
      workers: [reminders, dispatcher, ...senders.map((sender) => ({ stop: () => sender.close() }))],
      registerMetrics: (metrics) => {
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
      startSubgraph: startInteractionsSubgraph,
    };
  },
});
