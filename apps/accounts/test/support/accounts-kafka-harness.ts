import {
  createEnvelope,
  deadLetterTopic,
  eventsTopic,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type PublishingService,
} from '@crm/events';
import { createKafka, toKafkaMessage, type EventConsumer } from '@crm/messaging';
import { createLogger } from '@crm/subgraph';
import {
  createTestTopics,
  deleteTestTopics,
  produceRawMessages,
  testKafkaBrokers,
  uniqueKafkaName,
} from '@crm/testing';
import type { Kafka } from 'kafkajs';
import {
  accountsConsumedTopics,
  createAccountsEventConsumer,
} from '../../src/events/accounts-event-consumer';
import type { AccountsTestDatabase } from './accounts-test-database';

/**
 * The accounts event consumer, as main.ts starts it, under a topic prefix of its own, so test files
 * running in parallel never see each other's events.
 */
export interface AccountsKafkaHarness {
  prefix: string;
  consumer: EventConsumer;
  /** Publishes an event to its service's (prefixed) topic, as that service's relay would. */
  publish(envelope: EventEnvelope): Promise<void>;
  stop(): Promise<void>;
}

export async function startAccountsKafkaHarness(db: AccountsTestDatabase): Promise<AccountsKafkaHarness> {
  const prefix = `${uniqueKafkaName('accounts')}.`;
  const topics = accountsConsumedTopics(prefix);
  const allTopics = [...topics, ...topics.map(deadLetterTopic)];
  await createTestTopics(allTopics);
  const logger = createLogger('accounts-test', 'silent');
  const kafka: Kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'accounts-tests', logger });
  const consumer = createAccountsEventConsumer({ kafka, database: db.database, logger, topicPrefix: prefix });
  await consumer.start();
  return {
    prefix,
    consumer,
    async publish(envelope) {
      const service = envelope.source.replace('crm/', '') as PublishingService;
      await produceRawMessages(prefix + eventsTopic(service), [toKafkaMessage(envelope)]);
    },
    async stop() {
      await consumer.stop();
      await deleteTestTopics(allTopics);
    },
  };
}

/** An envelope as another service would publish it. */
export function eventOf<TDefinition extends EventDefinition>(
  definition: TDefinition,
  facts: { tenantId: string; aggregateId: string; data: EventData<TDefinition>; actorId?: string },
): EventEnvelope<EventData<TDefinition>> {
  return createEnvelope(definition, {
    tenantId: facts.tenantId,
    actorId: facts.actorId ?? 'system',
    aggregateId: facts.aggregateId,
    aggregateVersion: 1,
    data: facts.data,
  });
}
