import { deadLetterTopic } from '@crm/events';
import { createTestTopics, deleteTestTopics, TopicRecorder, uniqueKafkaName } from '@crm/testing';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createKafka, parseKafkaBrokers } from '../../src';
import { createMessagingTestDatabase, type MessagingTestDatabase } from './messaging-test-database';
import { stopAfterEachTest } from './stop-after-each-test';
import { testLogger } from './test-logger';

export interface MessagingIntegrationSuiteOptions<Role extends string> {
  /** Names this file's database, e.g. `outbox_relay`. */
  databasePurpose: string;
  /** The Kafka client id of this file's relays and consumers. */
  clientId: string;
  /** This file's topics by role, each the purpose of a topic name no other run uses. */
  topics: Record<Role, string>;
  /** Also create (and delete) each topic's dead-letter topic. */
  withDeadLetterTopics?: boolean;
  /** Which topics a TopicRecorder reads from the beginning; none by default. */
  record?: 'topics' | 'dead-letter-topics';
}

export interface MessagingIntegrationSuite<Role extends string> {
  logger: Logger;
  kafka: Kafka;
  topics: Record<Role, string>;
  deadLetterTopics: string[];
  /** Registers a relay or consumer to be stopped after the current test, even a failed one. */
  stoppedAfterTest: ReturnType<typeof stopAfterEachTest>;
  /** Usable from the file's own beforeAll on: the fresh, migrated database. */
  db: MessagingTestDatabase;
  /** Usable from the file's own beforeAll on, when `record` asked for one. */
  recorder: TopicRecorder;
}

/**
 * Stands for an object that exists only once the suite's beforeAll has run, so that a test file can
 * take `db` and `recorder` at module level and use them in its hooks and tests as they are.
 */
function availableAfterSetUp<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, property) {
      const target = current();
      if (!target) throw new Error(`${what} is only available once the suite's beforeAll has run`);
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The set-up every messaging integration file shares: a logger and Kafka client, a fresh migrated
 * database, the file's own topics (created before its tests, deleted after), optionally a recorder on
 * them. Call it at module level: its beforeAll runs before, and its afterAll after, the hooks of the
 * file's describe blocks, so those can start consumers on `db` and must stop them themselves.
 */
export function messagingIntegrationSuite<Role extends string>(
  options: MessagingIntegrationSuiteOptions<Role>,
): MessagingIntegrationSuite<Role> {
  const logger = testLogger();
  const kafka = createKafka({ brokers: parseKafkaBrokers(), clientId: options.clientId, logger });
  const stoppedAfterTest = stopAfterEachTest();
  const topics = Object.fromEntries(
    Object.entries<string>(options.topics).map(([role, purpose]) => [role, uniqueKafkaName(purpose)]),
  ) as Record<Role, string>;
  const deadLetterTopics = options.withDeadLetterTopics
    ? Object.values<string>(topics).map(deadLetterTopic)
    : [];
  const allTopics = [...Object.values<string>(topics), ...deadLetterTopics];

  let db: MessagingTestDatabase | undefined;
  let recorder: TopicRecorder | undefined;

  beforeAll(async () => {
    db = await createMessagingTestDatabase(options.databasePurpose);
    await createTestTopics(allTopics);
    if (options.record) {
      recorder = await TopicRecorder.start(
        options.record === 'topics' ? Object.values<string>(topics) : deadLetterTopics,
      );
    }
  });

  afterAll(async () => {
    await recorder?.stop();
    await db?.close();
    await deleteTestTopics(allTopics);
  });

  return {
    logger,
    kafka,
    topics,
    deadLetterTopics,
    stoppedAfterTest,
    db: availableAfterSetUp('db', () => db),
    recorder: availableAfterSetUp('recorder', () => recorder),
  };
}
