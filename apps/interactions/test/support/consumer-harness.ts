import type { EventEnvelope } from '@crm/events';
import { deadLetterTopic, eventsTopic } from '@crm/events';
import { createKafka, toKafkaMessage, type EventConsumer } from '@crm/messaging';
import { createLogger } from '@crm/subgraph';
import {
  createTestTopics,
  eventually,
  deleteTestTopics,
  produceRawMessages,
  testKafkaBrokers,
  uniqueKafkaName,
} from '@crm/testing';
import { createInteractionsConsumer } from '../../src/events/consumer';
import type { InteractionsTestDatabase } from './interactions-test-database';

const CONSUMED = ['accounts', 'pipeline', 'orders', 'marketing'] as const;

export interface ConsumerHarness {
  consumer: EventConsumer;
  /** Waits until the consumer has handled (applied or skipped as a duplicate) this many deliveries in all. */
  waitForDeliveries(count: number): Promise<void>;
  /** Produces envelopes to their topics under this harness's prefix, as their owners' relays would. */
  publish(...envelopes: EventEnvelope[]): Promise<void>;
  stop(): Promise<void>;
}

/** interactions' real consumer over the real broker, on topics of its own (a unique prefix). */
export async function startConsumerHarness(db: InteractionsTestDatabase): Promise<ConsumerHarness> {
  const prefix = `${uniqueKafkaName('interactions')}.`;
  const topics = CONSUMED.flatMap((service) => [
    prefix + eventsTopic(service),
    deadLetterTopic(prefix + eventsTopic(service)),
  ]);
  await createTestTopics(topics);
  const logger = createLogger('interactions-test', 'silent');
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'interactions-test', logger });
  const consumer: EventConsumer = createInteractionsConsumer({
    kafka,
    database: db.database,
    logger,
    topicPrefix: prefix,
  });
  await consumer.start();
  return {
    consumer,
    async waitForDeliveries(count) {
      await eventually(
        `${count} deliveries handled`,
        async () => consumer.metrics,
        (metrics) => metrics.processed + metrics.duplicatesSkipped + metrics.unhandledSkipped >= count,
      );
    },
    async publish(...envelopes) {
      for (const envelope of envelopes) {
        const service = envelope.source.replace('crm/', '') as (typeof CONSUMED)[number];
        await produceRawMessages(prefix + eventsTopic(service), [toKafkaMessage(envelope)]);
      }
    },
    async stop() {
      await consumer.stop();
      await deleteTestTopics(topics);
    },
  };
}
