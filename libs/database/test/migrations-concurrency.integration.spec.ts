import 'reflect-metadata';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { runMigrations, type ServiceDataSourceOptions } from '../src';

class CreateLedger1700000000101 implements MigrationInterface {
  name = 'CreateLedger1700000000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ledger" ("entry" text NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ledger"`);
  }
}

/** A data migration: running it twice leaves a visible trace, as a real backfill would. */
class SeedLedger1700000000102 implements MigrationInterface {
  name = 'SeedLedger1700000000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pg_sleep(0.3)`);
    await queryRunner.query(`INSERT INTO "ledger" ("entry") VALUES ('opening balance')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "ledger"`);
  }
}

describe('migrations run by two processes at once (a re-run deploy job, two developers)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('database_migrations_concurrency');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('applies each pending migration once', async () => {
    const options = (migrations: ServiceDataSourceOptions['migrations']) => ({
      url: database.ownerUrl,
      applicationName: 'database-migrations-concurrency',
      entities: [],
      migrations,
    });
    await runMigrations(options([CreateLedger1700000000101]));

    const both = options([CreateLedger1700000000101, SeedLedger1700000000102]);
    const reports = await Promise.all([runMigrations(both), runMigrations(both)]);

    expect(reports.flatMap((report) => report.applied)).toEqual(['SeedLedger1700000000102']);
    const client = new Client({ connectionString: database.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS "entries" FROM "ledger"`);
      expect(rows).toEqual([{ entries: 1 }]);
    } finally {
      await client.end();
    }
  });
});
