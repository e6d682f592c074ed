import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Client } from 'pg';
import {
  createServiceDataSource,
  protectTenantTable,
  runMigrations,
  TenantScopedDatabase,
} from '@crm/database';
import { AccountArchived, createEnvelope, deadLetterTopic } from '@crm/events';
import {
  committedOffsets,
  createTestDatabase,
  createTestTopics,
  deleteTestTopics,
  eventually,
  produceRawMessages,
  topicEndOffsets,
  uniqueKafkaName,
  type TestDatabase,
} from '@crm/testing';
import { createInboxTable, createKafka, EventConsumer, on, parseKafkaBrokers, toKafkaMessage } from '../src';

const TENANT = '0190f7c2-0000-7000-8000-00000000000a';

class ArchiveLogSchema1764172900000 implements MigrationInterface {
  name = 'ArchiveLogSchema1764172900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createInboxTable(queryRunner);
    await queryRunner.query(
      `CREATE TABLE "archive_log" ("tenant_id" uuid NOT NULL, "account_id" uuid NOT NULL, PRIMARY KEY ("tenant_id", "account_id"))`,
    );
    await protectTenantTable(queryRunner, 'archive_log');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "archive_log"`);
    await queryRunner.query(`DROP TABLE "inbox"`);
  }
}

/**
 * PostgreSQL answers COMMIT of a transaction in which a statement failed with a silent ROLLBACK. A
 * handler that catches such a failure (say, "ignore it if the row is already there") must not turn
 * into an event marked done whose effect and inbox row were never written.
 */
describe('EventConsumer with a handler that swallowed a failed SQL statement', () => {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const kafka = createKafka({ brokers: parseKafkaBrokers(), clientId: 'swallowed-sql-error-tests', logger });
  const topic = uniqueKafkaName('consumer-swallowed-sql-error');
  const groupId = uniqueKafkaName('consumer-group');
  let testDatabase: TestDatabase;
  let dataSource: DataSource;
  let consumer: EventConsumer | undefined;

  async function ownerQuery(sql: string, params: unknown[] = []): Promise<unknown[]> {
    const client = new Client({ connectionString: testDatabase.ownerUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    testDatabase = await createTestDatabase('consumer_swallowed_sql_error');
    await runMigrations({
      url: testDatabase.ownerUrl,
      applicationName: 'messaging-tests:migrations',
      entities: [],
      migrations: [ArchiveLogSchema1764172900000],
    });
    ({ dataSource } = createServiceDataSource({
      url: testDatabase.appUrl,
      applicationName: 'messaging-tests',
      entities: [],
      poolSize: 4,
    }));
    await dataSource.initialize();
    await createTestTopics([topic, deadLetterTopic(topic)]);
  });

  afterAll(async () => {
    await consumer?.stop();
    await dataSource?.destroy();
    await testDatabase?.drop();
    await deleteTestTopics([topic, deadLetterTopic(topic)]);
  });

  it('retries the event instead of committing its offset with nothing applied', async () => {
    const accountId = uuidv7();
    const event = createEnvelope(AccountArchived, {
      tenantId: TENANT,
      actorId: 'system',
      aggregateId: accountId,
      aggregateVersion: 3,
      data: { accountId, salesModel: 'B2B' },
    });
    let runs = 0;
    consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [topic],
      database: new TenantScopedDatabase(dataSource),
      handlers: on(AccountArchived, async (manager, archived) => {
        runs += 1;
        await manager.query(`INSERT INTO "archive_log" ("tenant_id", "account_id") VALUES ($1, $2)`, [
          archived.tenantid,
          archived.data.accountId,
        ]);
        // First run only: a failing statement caught by the handler aborts the whole transaction.
        if (runs === 1) await manager.query(`SELECT 1 / 0`).catch(() => undefined);
      }),
      logger,
      retry: { attempts: 3, initialBackoffMs: 50, maxBackoffMs: 50 },
      fromBeginning: true,
      consumerConfig: {
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 200,
      },
    });
    await consumer.start();

    await produceRawMessages(topic, [toKafkaMessage(event)]);
    await eventually(
      'the offset to be committed',
      () => committedOffsets(groupId, topic),
      (offsets) => offsets.get(0) === 1,
    );

    expect(await ownerQuery(`SELECT "account_id" FROM "archive_log"`)).toEqual([{ account_id: accountId }]);
    expect(await ownerQuery(`SELECT "event_id" FROM "inbox"`)).toEqual([{ event_id: event.id }]);
    expect(runs).toBe(2);
    expect(consumer.metrics).toMatchObject({ processed: 1, retries: 1, deadLettered: 0 });
    expect((await topicEndOffsets(deadLetterTopic(topic))).get(0)).toBe(0);
  });
});
