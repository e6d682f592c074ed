import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka, Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { TenantScopedDatabase } from '@crm/database';
import { AccountCreated } from '@crm/events';
import { deletePublishedOutboxRows, EventConsumer, OutboxRelay, publishEvent } from '../src';
import { eventually, topicEndOffsets, uniqueKafkaName } from '@crm/testing';
import { accountCreatedFacts, accountProjectionHandlers } from './support/account-projection';
import { FAST_GROUP } from './support/fast-group';
import { expectKilled, runFixture } from './support/fixture-process';
import { messagingIntegrationSuite } from './support/messaging-integration-suite';

const { logger, kafka, stoppedAfterTest, topics, db, recorder } = messagingIntegrationSuite({
  databasePurpose: 'outbox_relay',
  clientId: 'outbox-relay-tests',
  topics: {
    crash: 'relay-crash',
    concurrent: 'relay-concurrent',
    ordering: 'relay-ordering',
    recovery: 'relay-recovery',
    leadership: 'relay-leadership',
    prefixed: 'relay-prefixed',
  },
  record: 'topics',
});
const tenantId = uuidv7();

/** AccountCreated routed to this run's own topic; type and schema are the real ones. */
function accountCreatedOn(topic: string): typeof AccountCreated {
  return { ...AccountCreated, topic };
}

function relayFor(
  database: TenantScopedDatabase,
  overrides: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {},
): OutboxRelay {
  return stoppedAfterTest(
    new OutboxRelay({
      service: 'accounts',
      database,
      kafka,
      logger,
      idlePollMs: 25,
      leadershipPollMs: 100,
      ...overrides,
    }),
  );
}

describe('OutboxRelay against real PostgreSQL and Kafka', () => {
  it('sends to the topic behind the configured prefix, so environments sharing a cluster stay apart', async () => {
    const topic = topics.prefixed;
    const [prefix, plainTopic] = [topic.slice(0, 'relay-'.length), topic.slice('relay-'.length)];
    const envelope = await db.database.inTenant(tenantId, (manager) =>
      publishEvent(manager, accountCreatedOn(plainTopic), accountCreatedFacts(tenantId, 'Prefixed Co')),
    );

    const relay = relayFor(db.database, { topicPrefix: prefix });
    await relay.start();
    try {
      const [message] = await recorder.waitForMessages(topic, 1);
      expect(message.headers.ce_id).toBe(envelope.id);
    } finally {
      await relay.stop();
    }
  });

  it('publishes an event again when the relay is killed between the broker ack and marking the row, and a consumer applies it once', async () => {
    const topic = topics.crash;
    const envelope = await db.database.inTenant(tenantId, (manager) =>
      publishEvent(manager, accountCreatedOn(topic), accountCreatedFacts(tenantId, 'Crash Co')),
    );

    const exit = await runFixture('relay-that-dies-after-publish.ts', {
      FIXTURE_DATABASE_URL: db.testDatabase.appUrl,
      FIXTURE_SERVICE: 'accounts',
    });

    expectKilled(exit);
    expect(await topicEndOffsets(topic)).toEqual(new Map([[0, 1]]));
    expect(await db.ownerQuery(`SELECT "published_at" FROM "outbox" WHERE "id" = $1`, [envelope.id])).toEqual(
      [{ published_at: null }],
    );

    const relay = relayFor(db.database);
    const consumer = stoppedAfterTest(
      new EventConsumer({
        kafka,
        groupId: uniqueKafkaName('relay-crash-consumer'),
        topics: [topic],
        database: db.database,
        handlers: accountProjectionHandlers(),
        logger,
        fromBeginning: true,
        consumerConfig: FAST_GROUP,
      }),
    );
    await consumer.start();
    await relay.start();
    try {
      await eventually(
        'both copies consumed',
        () => consumer.metrics,
        (m) => m.processed + m.duplicatesSkipped === 2,
      );
      await eventually(
        'the row marked published',
        () => relay.metrics.published,
        (published) => published === 1,
      );
    } finally {
      await relay.stop();
      await consumer.stop();
    }

    const copies = await recorder.waitForMessages(topic, 2);
    expect(copies.map((message) => message.headers.ce_id)).toEqual([envelope.id, envelope.id]);
    expect(consumer.metrics).toMatchObject({ processed: 1, duplicatesSkipped: 1, deadLettered: 0 });
    expect(await db.ownerQuery(`SELECT "display_name", "apply_count" FROM "account_projection"`)).toEqual([
      { display_name: 'Crash Co', apply_count: 1 },
    ]);
    const [row] = await db.ownerQuery<{ published_at: Date | null }>(
      `SELECT "published_at" FROM "outbox" WHERE "id" = $1`,
      [envelope.id],
    );
    expect(row.published_at).toBeInstanceOf(Date);
  });

  it('publishes every event of 50 writers committing in random order, once each and none before its commit', async () => {
    const topic = topics.concurrent;
    const writers = new TenantScopedDatabase(await db.connectAsApp('concurrent-writers', 50));
    // Small batches and a fast poll, so the relay reads the outbox many times while writers commit.
    const relay = relayFor(db.database, { batchSize: 5, idlePollMs: 10 });
    await relay.start();

    const writes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        writers.inTenant(tenantId, async (manager) => {
          const envelope = await publishEvent(
            manager,
            accountCreatedOn(topic),
            accountCreatedFacts(tenantId, `Writer ${index}`),
          );
          const [{ txid }] = await manager.query(`SELECT pg_current_xact_id()::text AS "txid"`);
          await sleep(Math.random() * 200);
          // The callback returning is what issues COMMIT: nothing may be published before this.
          return { id: envelope.id, txid: BigInt(txid), commitIssuedAt: Date.now() };
        }),
      ),
    );

    const published = await recorder.waitForMessages(topic, 50);
    await eventually(
      'all rows marked published',
      () => relay.metrics.published,
      (count) => count === 50,
    );
    await relay.stop();

    const commitOrder = [...writes].sort((a, b) => a.commitIssuedAt - b.commitIssuedAt);
    const transactionOrder = [...writes].sort((a, b) => (a.txid < b.txid ? -1 : 1));
    // The scenario is only meaningful if transactions did commit out of txid order.
    expect(commitOrder.map((write) => write.id)).not.toEqual(transactionOrder.map((write) => write.id));

    expect(published).toHaveLength(50);
    expect(new Set(published.map((message) => message.headers.ce_id))).toEqual(
      new Set(writes.map((write) => write.id)),
    );
    const publishedAt = new Map(published.map((message) => [message.headers.ce_id, message.timestamp]));
    const publishedBeforeCommit = writes.filter(
      (write) => (publishedAt.get(write.id) ?? 0) < write.commitIssuedAt,
    );
    expect(publishedBeforeCommit).toEqual([]);
    expect(
      await db.ownerQuery(`SELECT count(*)::int AS "unpublished" FROM "outbox" WHERE "published_at" IS NULL`),
    ).toEqual([{ unpublished: 0 }]);
  });

  it("publishes an aggregate's versions in order even when the later version's transaction holds the older txid", async () => {
    const topic = topics.ordering;
    const accountId = uuidv7();
    const facts = (version: number) => ({
      ...accountCreatedFacts(tenantId, `Version ${version}`, accountId),
      aggregateVersion: version,
    });
    const latePool = await db.connectAsApp('late-writer', 1);
    const late = latePool.createQueryRunner();
    await late.connect();
    await late.startTransaction();
    try {
      await late.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      // Its first write hands this transaction a txid older than the next one's.
      await late.query(`SELECT pg_current_xact_id()`);
      await db.database.inTenant(tenantId, (manager) =>
        publishEvent(manager, accountCreatedOn(topic), facts(1)),
      );
      await publishEvent(late.manager, accountCreatedOn(topic), facts(2));
      await late.commitTransaction();
    } finally {
      await late.release();
    }

    const relay = relayFor(db.database);
    await relay.start();
    const published = await recorder.waitForMessages(topic, 2);
    await relay.stop();

    expect(published.map((message) => JSON.parse(message.value ?? 'null').sequence)).toEqual(['1', '2']);
  });

  it('replaces its producer after a failed send, and the unmarked rows go out with the new one', async () => {
    const topic = topics.recovery;
    const producers: Producer[] = [];
    // The real client, except that the first producer's sends fail as if the broker had not answered.
    const flakyKafka = Object.create(kafka, {
      producer: {
        value: (config: Parameters<Kafka['producer']>[0]) => {
          const producer = kafka.producer(config);
          if (producers.length === 0) {
            producer.sendBatch = async () => {
              throw new Error('injected: the broker did not answer');
            };
          }
          producers.push(producer);
          return producer;
        },
      },
    }) as Kafka;
    const envelope = await db.database.inTenant(tenantId, (manager) =>
      publishEvent(manager, accountCreatedOn(topic), accountCreatedFacts(tenantId, 'Recovered Co')),
    );

    const relay = relayFor(db.database, { kafka: flakyKafka, errorBackoffMs: 50 });
    await relay.start();
    const [message] = await recorder.waitForMessages(topic, 1);
    await eventually(
      'the row marked published',
      () => relay.metrics.published,
      (published) => published === 1,
    );
    await relay.stop();

    expect(message.headers.ce_id).toBe(envelope.id);
    expect(producers).toHaveLength(2);
    expect(relay.metrics.errors).toBe(1);
  });

  it('lets only one relay per service publish, and another take over when the leader stops', async () => {
    const topic = topics.leadership;
    const first = relayFor(db.database);
    const second = relayFor(db.database);
    await first.start();
    await eventually('the first relay to lead', () => first.metrics.isLeader, Boolean);
    await second.start();

    await db.database.inTenant(tenantId, (manager) =>
      publishEvent(manager, accountCreatedOn(topic), accountCreatedFacts(tenantId, 'Led by first')),
    );
    await recorder.waitForMessages(topic, 1);
    await eventually(
      'the first relay to count it',
      () => first.metrics.published,
      (count) => count === 1,
    );
    expect([second.metrics.published, second.metrics.isLeader]).toEqual([0, false]);

    await first.stop();
    await eventually('the second relay to take over', () => second.metrics.isLeader, Boolean);
    await db.database.inTenant(tenantId, (manager) =>
      publishEvent(manager, accountCreatedOn(topic), accountCreatedFacts(tenantId, 'Led by second')),
    );
    await recorder.waitForMessages(topic, 2);
    await eventually(
      'the second relay to count it',
      () => second.metrics.published,
      (count) => count === 1,
    );
    await second.stop();

    expect(recorder.messages(topic)).toHaveLength(2);
    expect(first.metrics.published).toBe(1);
  });

  it('sweeps published rows past retention and never an unpublished one, however old', async () => {
    const [oldPublished, oldUnpublished, recentPublished] = await db.database.inTenant(tenantId, (manager) =>
      Promise.all(
        ['old published', 'old unpublished', 'recent published'].map((name) =>
          publishEvent(
            manager,
            accountCreatedOn(uniqueKafkaName('retention')),
            accountCreatedFacts(tenantId, name),
          ),
        ),
      ),
    );
    await db.ownerQuery(
      `UPDATE "outbox" SET "created_at" = now() - interval '30 days',
         "published_at" = CASE WHEN "id" = $1 THEN now() - interval '8 days' WHEN "id" = $3 THEN now() - interval '1 day' END
       WHERE "id" = ANY(ARRAY[$1, $2, $3]::uuid[])`,
      [oldPublished.id, oldUnpublished.id, recentPublished.id],
    );

    const deleted = await db.database.inSystemContext('outbox-relay', (manager) =>
      deletePublishedOutboxRows(manager, 7),
    );

    expect(deleted).toBe(1);
    const remaining = await db.ownerQuery<{ id: string }>(
      `SELECT "id" FROM "outbox" WHERE "id" = ANY(ARRAY[$1, $2, $3]::uuid[]) ORDER BY "id"`,
      [oldPublished.id, oldUnpublished.id, recentPublished.id],
    );
    expect(remaining.map((row) => row.id)).toEqual([oldUnpublished.id, recentPublished.id].sort());
    await db.ownerQuery(`DELETE FROM "outbox" WHERE "id" = ANY(ARRAY[$1, $2]::uuid[])`, [
      oldUnpublished.id,
      recentPublished.id,
    ]);
  });
});
