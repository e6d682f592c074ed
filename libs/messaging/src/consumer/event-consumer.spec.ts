import type {
  Batch,
  EachBatchPayload,
  Kafka,
  KafkaMessage,
  ProducerRecord,
  TopicPartitionOffset,
} from 'kafkajs';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import { AccountArchived, createEnvelope } from '@crm/events';
import { toKafkaMessage } from '../outbox/outbox-message';
import { on, type TransactionHooks } from './event-handlers';
import { EventConsumer } from './event-consumer';

const TOPIC = 'crm.accounts.events';

/**
 * Just enough of kafkajs to drive the consumer by hand: `deliver` plays kafkajs calling eachBatch,
 * `emit` plays its instrumentation events; commits, resolved offsets and dead-letter sends are
 * recorded.
 */
function fakeKafka({ isDeadLetterTopicDown = false } = {}) {
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  const listeners = new Map<string, (event: { payload: unknown }) => void>();
  const commits: TopicPartitionOffset[] = [];
  const resolved: string[] = [];
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
    run: async (config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
      eachBatch = config.eachBatch;
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
    messages: KafkaMessage | KafkaMessage[],
    heartbeat: () => Promise<void> = async () => undefined,
  ) => {
    if (!eachBatch) throw new Error('start the consumer first');
    return eachBatch({
      batch: { topic: TOPIC, partition, messages: [messages].flat() } as unknown as Batch,
      resolveOffset: (offset) => resolved.push(offset),
      heartbeat,
      pause: () => () => undefined,
      isRunning: () => true,
      isStale: () => false,
      commitOffsetsIfNecessary: async () => undefined,
      uncommittedOffsets: () => ({ topics: [] }),
    });
  };
  const emit = (name: string, payload: unknown) => listeners.get(name)?.({ payload });
  return { kafka, deliver, emit, commits, resolved, deadLetters };
}

const TENANT_A = '0190f7c2-0000-7000-8000-00000000000a';
const TENANT_B = '0190f7c2-0000-7000-8000-00000000000b';

function archivedMessage(offset: string, tenantId = TENANT_A): KafkaMessage {
  const accountId = uuidv7();
  const event = createEnvelope(AccountArchived, {
    tenantId,
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

/**
 * A database whose transactions commit what their handlers recorded only when the whole
 * transaction succeeds, as PostgreSQL would; every inbox claim succeeds.
 */
function recordingDatabase() {
  const transactions: Array<{ tenantId: string; accountIds: string[] }> = [];
  const database = {
    inTenant: async (tenantId: string, work: (manager: unknown) => Promise<unknown>) => {
      const pending: string[] = [];
      const manager = { query: async () => [{ event_id: 'claimed' }], pending };
      const result = await work(manager);
      transactions.push({ tenantId, accountIds: pending });
      return result;
    },
    dataSource: { query: async () => [{ '?column?': 1 }] },
  } as unknown as TenantScopedDatabase;
  return { database, transactions };
}

function accountIdOf(message: KafkaMessage): string {
  return (JSON.parse(String(message.value)) as { data: { accountId: string } }).data.accountId;
}

describe('EventConsumer', () => {
  describe('applying a fetched batch', () => {
    function batchConsumer(
      kafka: Kafka,
      database: TenantScopedDatabase,
      options: {
        failingAccountId?: string;
        maxEventsPerTransaction?: number;
        transactionHooks?: TransactionHooks;
      } = {},
    ) {
      return new EventConsumer({
        kafka,
        groupId: 'unit-tests',
        topics: [TOPIC],
        database,
        handlers: on(AccountArchived, async (manager, event) => {
          if (event.data.accountId === options.failingAccountId) throw new Error('handler bug');
          (manager as unknown as { pending: string[] }).pending.push(event.data.accountId);
        }),
        logger: pino({ level: 'silent' }),
        retry: { attempts: 2, initialBackoffMs: 0, maxBackoffMs: 0 },
        maxEventsPerTransaction: options.maxEventsPerTransaction,
        transactionHooks: options.transactionHooks,
      });
    }

    it('applies consecutive events of one tenant in one transaction, and commits the offset once per transaction', async () => {
      const { kafka, deliver, commits, resolved } = fakeKafka();
      const { database, transactions } = recordingDatabase();
      await batchConsumer(kafka, database).start();
      const messages = [
        archivedMessage('10'),
        archivedMessage('11'),
        archivedMessage('12'),
        archivedMessage('13', TENANT_B),
      ];

      await deliver(0, messages);

      expect(transactions).toEqual([
        { tenantId: TENANT_A, accountIds: messages.slice(0, 3).map(accountIdOf) },
        { tenantId: TENANT_B, accountIds: [accountIdOf(messages[3])] },
      ]);
      expect(commits).toEqual([
        { topic: TOPIC, partition: 0, offset: '13' },
        { topic: TOPIC, partition: 0, offset: '14' },
      ]);
      expect(resolved).toEqual(['12', '13']);
    });

    it('caps a transaction at maxEventsPerTransaction events', async () => {
      const { kafka, deliver, commits } = fakeKafka();
      const { database, transactions } = recordingDatabase();
      await batchConsumer(kafka, database, { maxEventsPerTransaction: 2 }).start();

      await deliver(0, [archivedMessage('0'), archivedMessage('1'), archivedMessage('2')]);

      expect(transactions.map(({ accountIds }) => accountIds.length)).toEqual([2, 1]);
      expect(commits.map(({ offset }) => offset)).toEqual(['2', '3']);
    });

    it('applies the events of a failed shared transaction one by one, so only the failing event is dead-lettered', async () => {
      const { kafka, deliver, commits, deadLetters } = fakeKafka();
      const { database, transactions } = recordingDatabase();
      const messages = [archivedMessage('5'), archivedMessage('6'), archivedMessage('7')];
      const consumer = batchConsumer(kafka, database, { failingAccountId: accountIdOf(messages[1]) });
      await consumer.start();

      await deliver(0, messages);

      // The shared transaction failed and so recorded nothing; then each event alone.
      expect(transactions).toEqual([
        { tenantId: TENANT_A, accountIds: [accountIdOf(messages[0])] },
        { tenantId: TENANT_A, accountIds: [accountIdOf(messages[2])] },
      ]);
      expect(deadLetters).toHaveLength(1);
      expect(commits.map(({ offset }) => offset)).toEqual(['6', '7', '8']);
      expect(consumer.metrics).toMatchObject({ processed: 2, deadLettered: 1, retries: 1 });
    });

    it('runs the transaction hooks around the handlers of each transaction, shared or alone', async () => {
      const { kafka, deliver } = fakeKafka();
      const { database, transactions } = recordingDatabase();
      const pendingOf = (manager: unknown) => (manager as { pending: string[] }).pending;
      await batchConsumer(kafka, database, {
        transactionHooks: {
          beforeEvents: async (manager, events) => void pendingOf(manager).push(`before ${events.length}`),
          afterEvents: async (manager) => void pendingOf(manager).push('after'),
        },
      }).start();
      const messages = [archivedMessage('0'), archivedMessage('1'), archivedMessage('2', TENANT_B)];

      await deliver(0, messages);

      expect(transactions.map(({ accountIds }) => accountIds)).toEqual([
        ['before 2', accountIdOf(messages[0]), accountIdOf(messages[1]), 'after'],
        ['before 1', accountIdOf(messages[2]), 'after'],
      ]);
    });

    it('refuses a maxEventsPerTransaction that is not a positive integer', () => {
      const { kafka } = fakeKafka();
      expect(() =>
        batchConsumer(kafka, recordingDatabase().database, { maxEventsPerTransaction: 0 }),
      ).toThrow('maxEventsPerTransaction must be a positive integer, got 0');
    });
  });

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
