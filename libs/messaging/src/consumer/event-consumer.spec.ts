import type { EachMessagePayload, Kafka, KafkaMessage, ProducerRecord, TopicPartitionOffset } from 'kafkajs';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { AccountArchived, createEnvelope } from '@crm/events';
import { toKafkaMessage } from '../outbox/outbox-message';
import { on } from './event-handlers';
import { EventConsumer } from './event-consumer';

const TOPIC = 'crm.accounts.events';

/**
 * Just enough of kafkajs to drive the consumer by hand: `deliver` plays kafkajs calling eachMessage,
 * `emit` plays its instrumentation events; commits and dead-letter sends are recorded.
 */
function fakeKafka({ isDeadLetterTopicDown = false } = {}) {
  let eachMessage: ((payload: EachMessagePayload) => Promise<void>) | undefined;
  const listeners = new Map<string, (event: { payload: unknown }) => void>();
  const commits: TopicPartitionOffset[] = [];
  const deadLetters: ProducerRecord[] = [];
  const consumer = {
    events: {
      START_BATCH_PROCESS: 'consumer.start_batch_process',
      GROUP_JOIN: 'consumer.group_join',
      CRASH: 'consumer.crash',
    },
    on: (name: string, listener: (event: { payload: unknown }) => void) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    },
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (config: { eachMessage: (payload: EachMessagePayload) => Promise<void> }) => {
      eachMessage = config.eachMessage;
    },
    commitOffsets: async (offsets: TopicPartitionOffset[]) => {
      commits.push(...offsets);
    },
    disconnect: async () => undefined,
  };
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (record: ProducerRecord) => {
      if (isDeadLetterTopicDown) throw new Error('KafkaJSNumberOfRetriesExceeded');
      deadLetters.push(record);
      return [];
    },
  };
  const kafka = { consumer: () => consumer, producer: () => producer } as unknown as Kafka;
  const deliver = (
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void> = async () => undefined,
  ) => {
    if (!eachMessage) throw new Error('start the consumer first');
    return eachMessage({
      topic: TOPIC,
      partition,
      message,
      heartbeat,
      pause: () => () => undefined,
    });
  };
  const emit = (name: string, payload: unknown) => listeners.get(name)?.({ payload });
  return { kafka, deliver, emit, commits, deadLetters };
}

function archivedMessage(offset: string): KafkaMessage {
  const accountId = uuidv7();
  const event = createEnvelope(AccountArchived, {
    tenantId: '0190f7c2-0000-7000-8000-00000000000a',
    actorId: 'system',
    aggregateId: accountId,
    aggregateVersion: 2,
    data: { accountId, salesModel: 'B2B' },
  });
  const { key, value, headers } = toKafkaMessage(event);
  return {
    key: Buffer.from(String(key)),
    value: Buffer.from(String(value)),
    headers,
    offset,
    timestamp: String(Date.now()),
    attributes: 0,
  } as KafkaMessage;
}

function consumerWith(kafka: Kafka, database: TenantScopedDatabase): EventConsumer {
  return new EventConsumer({
    kafka,
    groupId: 'unit-tests',
    topics: [TOPIC],
    database,
    handlers: on(AccountArchived, async () => undefined),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 2, initialBackoffMs: 0, maxBackoffMs: 0 },
  });
}

/** A database whose transactions all fail, and whose `SELECT 1` answers or not. */
function failingDatabase(isReachable: boolean): TenantScopedDatabase {
  const refused = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  return {
    inTenant: isReachable ? () => Promise.reject(new Error('handler bug')) : refused,
    dataSource: { query: isReachable ? async () => [{ '?column?': 1 }] : refused },
  } as unknown as TenantScopedDatabase;
}

describe('EventConsumer', () => {
  it('dead-letters a message whose handler keeps failing while the database answers, and moves on', async () => {
    const { kafka, deliver, commits, deadLetters } = fakeKafka();
    await consumerWith(kafka, failingDatabase(true)).start();

    await deliver(0, archivedMessage('7'));

    expect(deadLetters.map((record) => record.topic)).toEqual([`${TOPIC}.dlq`]);
    expect(commits).toEqual([{ topic: TOPIC, partition: 0, offset: '8' }]);
  });

  it('neither dead-letters nor commits a message while the database is unreachable: an outage is not a poison message', async () => {
    const { kafka, deliver, commits, deadLetters } = fakeKafka();
    await consumerWith(kafka, failingDatabase(false)).start();

    await expect(deliver(0, archivedMessage('7'))).rejects.toThrow('ECONNREFUSED');

    expect(deadLetters).toEqual([]);
    expect(commits).toEqual([]);
  });

  it('does not commit a message whose dead-letter copy the broker did not take', async () => {
    const { kafka, deliver, commits } = fakeKafka({ isDeadLetterTopicDown: true });
    await consumerWith(kafka, failingDatabase(true)).start();

    await expect(deliver(0, archivedMessage('7'))).rejects.toThrow('KafkaJSNumberOfRetriesExceeded');

    expect(commits).toEqual([]);
  });

  it('gives a failing message up uncommitted when the group rebalances during its retry backoff', async () => {
    const { kafka, deliver, commits, deadLetters } = fakeKafka();
    const consumer = new EventConsumer({
      kafka,
      groupId: 'unit-tests',
      topics: [TOPIC],
      database: failingDatabase(true),
      handlers: on(AccountArchived, async () => undefined),
      logger: pino({ level: 'silent' }),
      retry: { attempts: 3, initialBackoffMs: 1, maxBackoffMs: 1 },
    });
    await consumer.start();
    const rebalancing = async () => {
      throw new Error('The group is rebalancing, so a rejoin is needed');
    };

    await expect(deliver(0, archivedMessage('7'), rebalancing)).rejects.toThrow('rebalancing');

    expect([commits, deadLetters]).toEqual([[], []]);
  });

  it('reports lag only for the partitions it still owns after a rebalance', async () => {
    const { kafka, deliver, emit, commits } = fakeKafka();
    const consumer = consumerWith(kafka, {
      inTenant: async () => true,
      dataSource: { query: async () => [] },
    } as unknown as TenantScopedDatabase);
    await consumer.start();
    for (const partition of [0, 1]) {
      emit('consumer.start_batch_process', { topic: TOPIC, partition, highWatermark: '100' });
      await deliver(partition, archivedMessage('9'));
    }
    expect(commits).toHaveLength(2);
    expect(consumer.lag()).toHaveLength(2);

    emit('consumer.group_join', { memberAssignment: { [TOPIC]: [1] } });

    expect(consumer.lag()).toEqual([{ topic: TOPIC, partition: 1, lag: 90 }]);
  });
});
