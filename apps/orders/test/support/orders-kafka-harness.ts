import type { EventEnvelope } from '@crm/events';
import { createKafka, toKafkaMessage, type EventConsumer } from '@crm/messaging';
import { createLogger } from '@crm/subgraph';
import {
  createTestTopics,
  deleteTestTopics,
  produceRawMessages,
  testKafkaBrokers,
  uniqueKafkaName,
} from '@crm/testing';
import { createOrdersEventConsumer } from '../../src/events/orders-event-consumer';
import type { OrdersTestDatabase } from './orders-test-database';

/** The orders event consumer as main.ts starts it, on topics under a prefix no other test uses. */
export interface OrdersKafkaHarness {
  consumer: EventConsumer;
  /** Sends the envelope to its publisher's topic, as that service's outbox relay would. */
  deliver(envelope: EventEnvelope): Promise<void>;
  stop(): Promise<void>;
}

export async function startOrdersKafkaHarness(db: OrdersTestDatabase): Promise<OrdersKafkaHarness> {
  const prefix = `${uniqueKafkaName('orders')}.`;
  const topics = ['accounts', 'pipeline'].flatMap((service) => [
    `${prefix}crm.${service}.events`,
    `${prefix}crm.${service}.events.dlq`,
  ]);
  await createTestTopics(topics);
  const logger = createLogger('orders-test', 'silent');
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'orders-tests', logger });
  const consumer = createOrdersEventConsumer({ kafka, database: db.database, logger, topicPrefix: prefix });
  await consumer.start();
  return {
    consumer,
    deliver: (envelope) =>
      produceRawMessages(`${prefix}crm.${envelope.source.replace('crm/', '')}.events`, [
        toKafkaMessage(envelope),
      ]),
    async stop() {
      await consumer.stop();
      await deleteTestTopics(topics);
    },
  };
}
