import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import {
  AccountArchived,
  AccountCreated,
  AccountUpdated,
  createEnvelope,
  deadLetterTopic,
} from '@crm/events';
import { EventConsumer, on, toKafkaMessage } from '../src';
import { committedOffsets, eventually, produceRawMessages, uniqueKafkaName } from '@crm/testing';
import type { Message } from 'kafkajs';
import {
  accountCreatedMessage,
  accountProjectionHandlers,
  accountSnapshot,
  applyAccountSnapshot,
} from './support/account-projection';
import { FAST_GROUP } from './support/fast-group';
import { messagingIntegrationSuite } from './support/messaging-integration-suite';
import type { MessagingTestDatabase } from './support/messaging-test-database';

const { logger, kafka, stoppedAfterTest, topics, db, recorder } = messagingIntegrationSuite({
  databasePurpose: 'event_consumer',
  clientId: 'event-consumer-tests',
  topics: {
    duplicates: 'consumer-duplicates',
    poison: 'consumer-poison',
    gracefulStop: 'consumer-graceful-stop',
  },
  withDeadLetterTopics: true,
  record: 'dead-letter-topics',
});
const retry = { attempts: 3, initialBackoffMs: 50, maxBackoffMs: 200 };

/** The events an accounts consumer sees for one tenant: creates and updates of three accounts. */
function accountHistory(tenantId: string): Message[] {
  const [first, second, third] = [uuidv7(), uuidv7(), uuidv7()];
  const created = (accountId: string, name: string) =>
    createEnvelope(AccountCreated, {
      tenantId,
      actorId: 'system',
      aggregateId: accountId,
      aggregateVersion: 1,
      data: accountSnapshot(accountId, name),
    });
  const renamed = (accountId: string, name: string, version: number) =>
    createEnvelope(AccountUpdated, {
      tenantId,
      actorId: 'system',
      aggregateId: accountId,
      aggregateVersion: version,
      data: { ...accountSnapshot(accountId, name), changedFields: ['displayName'] },
    });
  return [
    created(first, 'Alpha'),
    created(second, 'Beta'),
    renamed(first, 'Alpha GmbH', 2),
    created(third, 'Gamma'),
    renamed(second, 'Beta BV', 2),
  ].map(toKafkaMessage);
}

/** What the consumer made of a tenant's events, without the ids that differ between tenants. */
async function stateOf(db: MessagingTestDatabase, tenantId: string) {
  const projection = await db.ownerQuery(
    `SELECT "display_name", "apply_count" FROM "account_projection" WHERE "tenant_id" = $1 ORDER BY "display_name"`,
    [tenantId],
  );
  const inbox = await db.ownerQuery(
    `SELECT "event_type", count(*)::int AS "events" FROM "inbox" WHERE "tenant_id" = $1 GROUP BY 1 ORDER BY 1`,
    [tenantId],
  );
  return { projection, inbox };
}

describe('EventConsumer against real PostgreSQL and Kafka', () => {
  let consumer: EventConsumer;
  const groupId = uniqueKafkaName('consumer-group');

  beforeAll(async () => {
    // One consumer for the delivery tests: a group join costs seconds, a test should not.
    consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [topics.duplicates, topics.poison],
      database: db.database,
      handlers: accountProjectionHandlers(async (manager, event) => {
        if (event.data.displayName.startsWith('poison'))
          throw new Error(`cannot apply ${event.data.displayName}`);
        await applyAccountSnapshot(manager, event);
      }),
      logger,
      retry,
      fromBeginning: true,
      consumerConfig: FAST_GROUP,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
  });

  it('leaves the same state when every event is delivered twice as when each is delivered once', async () => {
    const deliveredOnce = uuidv7();
    const deliveredTwice = uuidv7();
    const onceHistory = accountHistory(deliveredOnce);
    const twiceHistory = accountHistory(deliveredTwice);

    await produceRawMessages(topics.duplicates, onceHistory);
    await produceRawMessages(topics.duplicates, twiceHistory);
    await produceRawMessages(topics.duplicates, twiceHistory);
    await eventually(
      'all 15 messages committed',
      () => committedOffsets(groupId, topics.duplicates),
      (offsets) => offsets.get(0) === 15,
    );

    const once = await stateOf(db, deliveredOnce);
    expect(once.projection).toEqual([
      { display_name: 'Alpha GmbH', apply_count: 2 },
      { display_name: 'Beta BV', apply_count: 2 },
      { display_name: 'Gamma', apply_count: 1 },
    ]);
    expect(await stateOf(db, deliveredTwice)).toEqual(once);
    expect(consumer.metrics).toMatchObject({ processed: 10, duplicatesSkipped: 5 });
    // The consumer notes its commit once the broker answered, a moment after the broker has it.
    await eventually('the consumer to note its last commit', consumer.lag.bind(consumer), (lags) =>
      lags.some((lag) => lag.topic === topics.duplicates && lag.partition === 0 && lag.lag === 0),
    );
  });

  it('dead-letters poison messages with their origin and error, skips types it has no handler for, and keeps processing the same partition', async () => {
    const tenantId = uuidv7();
    const key = uuidv7();
    const failing = accountCreatedMessage(tenantId, 'poison pill');
    const unhandled = toKafkaMessage(
      createEnvelope(AccountArchived, {
        tenantId,
        actorId: 'system',
        aggregateId: key,
        aggregateVersion: 3,
        data: { accountId: key, salesModel: 'B2C' },
      }),
    );
    const newerThanCatalog = { ...failing.event, id: uuidv7(), type: 'crm.accounts.AccountTeleported.v1' };
    const invalidData = { ...failing.event, id: uuidv7(), data: { displayName: 'missing everything else' } };
    const later = accountCreatedMessage(tenantId, 'After the poison', key);
    const before = consumer.metrics;

    // One key, one partition: each message must get past the ones before it.
    await produceRawMessages(topics.poison, [
      { key, value: '{"specversion": "1.0", oops', headers: { origin: 'test' } },
      { ...failing.message, key },
      { ...unhandled, key },
      { key, value: JSON.stringify(newerThanCatalog) },
      { key, value: JSON.stringify(invalidData) },
      later.message,
    ]);
    const deadLetters = await recorder.waitForMessages(deadLetterTopic(topics.poison), 3);
    await eventually(
      'all 6 messages committed',
      () => committedOffsets(groupId, topics.poison),
      (offsets) => offsets.get(0) === 6,
    );

    const [invalidJson, handlerFailure, dataFailure] = deadLetters;
    expect(invalidJson).toMatchObject({
      key,
      value: '{"specversion": "1.0", oops',
      headers: {
        origin: 'test',
        'dlq-original-topic': topics.poison,
        'dlq-original-partition': '0',
        'dlq-original-offset': '0',
        'dlq-consumer-group': groupId,
        'dlq-reason': 'invalid-event',
        'dlq-error': 'InvalidEventError: message value is not JSON',
        'dlq-attempts': '0',
      },
    });
    expect(handlerFailure).toMatchObject({
      key,
      value: String(failing.message.value),
      headers: {
        ce_id: failing.event.id,
        'dlq-original-offset': '1',
        'dlq-reason': 'handler-failed',
        'dlq-error': 'Error: cannot apply poison pill',
        'dlq-attempts': String(retry.attempts),
      },
    });
    expect(new Date(handlerFailure.headers['dlq-failed-at']).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(dataFailure.headers).toMatchObject({
      'dlq-original-offset': '4',
      'dlq-reason': 'invalid-event',
      'dlq-attempts': '0',
    });
    expect(dataFailure.headers['dlq-error']).toMatch(
      /^InvalidEventError: invalid crm.accounts.AccountCreated.v1 data/,
    );

    expect(await stateOf(db, tenantId)).toEqual({
      projection: [{ display_name: 'After the poison', apply_count: 1 }],
      inbox: [{ event_type: AccountCreated.type, events: 1 }],
    });
    const after = consumer.metrics;
    expect({
      deadLettered: after.deadLettered - before.deadLettered,
      retries: after.retries - before.retries,
      unhandledSkipped: after.unhandledSkipped - before.unhandledSkipped,
      processed: after.processed - before.processed,
    }).toEqual({ deadLettered: 3, retries: retry.attempts - 1, unhandledSkipped: 2, processed: 1 });
  });

  it('on stop, finishes the message in progress and commits it, and takes no further message', async () => {
    const tenantId = uuidv7();
    const stopGroup = uniqueKafkaName('consumer-graceful-stop');
    let handlerEntered!: () => void;
    const entered = new Promise<void>((resolve) => (handlerEntered = resolve));
    let releaseHandler!: () => void;
    const released = new Promise<void>((resolve) => (releaseHandler = resolve));
    const stoppingConsumer = stoppedAfterTest(
      new EventConsumer({
        kafka,
        groupId: stopGroup,
        topics: [topics.gracefulStop],
        database: db.database,
        handlers: on(AccountCreated, async (manager, event) => {
          await applyAccountSnapshot(manager, event);
          handlerEntered();
          await released;
        }),
        logger,
        fromBeginning: true,
        consumerConfig: FAST_GROUP,
      }),
    );
    await stoppingConsumer.start();
    await produceRawMessages(topics.gracefulStop, [
      accountCreatedMessage(tenantId, 'In flight').message,
      accountCreatedMessage(tenantId, 'Never taken').message,
    ]);
    await entered;

    let hasStopped = false;
    const stopping = stoppingConsumer.stop().then(() => (hasStopped = true));
    await sleep(300);
    expect(hasStopped).toBe(false);
    releaseHandler();
    await stopping;

    expect(await committedOffsets(stopGroup, topics.gracefulStop)).toEqual(new Map([[0, 1]]));
    expect((await stateOf(db, tenantId)).projection).toEqual([{ display_name: 'In flight', apply_count: 1 }]);
    expect(stoppingConsumer.metrics.processed).toBe(1);
  });
});
