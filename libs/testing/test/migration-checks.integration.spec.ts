import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable, runMigrations, type ServiceDataSourceOptions } from '@crm/database';
import {
  createTestDatabase,
  describeServiceMigrations,
  indexLeads,
  revertAllMigrations,
  tableSecurity,
  type TestDatabase,
} from '../src';

class CreateNotes1000000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notes" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL)`);
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "notes_pkey" PRIMARY KEY ("tenant_id", "id")`,
    );
    await protectTenantTable(queryRunner, 'notes');
    // Left installed on revert, as services leave theirs: its functions are not the migrations' leftovers.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notes"`);
  }
}

/** What the checks must catch: no row-level security, an index not led by tenant_id, a `down` that forgets. */
class CreateCarelessTable1000000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "careless" ("tenant_id" uuid NOT NULL, "code" text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "careless_code_idx" ON "careless" ("code", "tenant_id")`);
    await queryRunner.query(
      `CREATE FUNCTION careless_codes() RETURNS SETOF text LANGUAGE sql AS 'SELECT code FROM careless'`,
    );
  }

  async down(): Promise<void> {
    // forgets to drop "careless" and its function
  }
}

const wellMade = (url: string): ServiceDataSourceOptions => ({
  url,
  applicationName: 'crm-testing-lib',
  entities: [],
  migrations: [CreateNotes1000000000000],
});

describeServiceMigrations({ service: 'testing_lib', databaseOptions: wellMade, tables: ['notes'] });

describe('migration checks on careless migrations', () => {
  let testDatabase: TestDatabase;
  const careless = (url: string): ServiceDataSourceOptions => ({
    ...wellMade(url),
    migrations: [CreateNotes1000000000000, CreateCarelessTable1000000000001],
  });

  beforeAll(async () => {
    testDatabase = await createTestDatabase('testing_lib_careless');
    await runMigrations(careless(testDatabase.ownerUrl));
  });

  afterAll(() => testDatabase?.drop());

  it('report a table without forced row-level security', async () => {
    expect(await tableSecurity(testDatabase.ownerUrl)).toEqual([
      { table: 'careless', rowLevelSecurity: false, forced: false },
      { table: 'notes', rowLevelSecurity: true, forced: true },
    ]);
  });

  it('report the first column of every index', async () => {
    expect(await indexLeads(testDatabase.ownerUrl)).toEqual([
      { index: 'careless_code_idx', firstColumn: 'code' },
      { index: 'notes_pkey', firstColumn: 'tenant_id' },
    ]);
  });

  it('report the tables and functions a revert left behind', async () => {
    expect(await revertAllMigrations(careless(testDatabase.ownerUrl))).toEqual({
      tables: ['careless'],
      functions: ['careless_codes'],
    });
  });
});
