import { DataSource } from 'typeorm';
import { pendingSchemaChanges, runMigrations } from '@crm/database';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { accountsDatabaseOptions, createAccountsDataSource } from '../src/database';
import { accountsMigrations } from '../src/migrations';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('accounts_migrations');
  await runMigrations(accountsDatabaseOptions(testDatabase.ownerUrl));
});

afterAll(() => testDatabase.drop());

async function ownerQuery<T>(sql: string): Promise<T[]> {
  const dataSource = new DataSource({ type: 'postgres', url: testDatabase.ownerUrl });
  await dataSource.initialize();
  try {
    return await dataSource.query(sql);
  } finally {
    await dataSource.destroy();
  }
}

/** Indexes that lead with something else on purpose, each for a reason given where it is created. */
const NOT_TENANT_FIRST = new Set([
  'users_email_key', // login(email, password) has no tenant: emails are unique platform-wide
  'outbox_pkey', // the relay reads every tenant's rows in one order (libs/messaging)
  'outbox_unpublished_idx',
]);

describe('accounts migrations', () => {
  it('leave nothing for the entities to change (CI fails when an entity changes without a migration)', async () => {
    expect(await pendingSchemaChanges(accountsDatabaseOptions(testDatabase.ownerUrl))).toEqual([]);
  });

  it('enable and force row-level security on every table holding tenant data', async () => {
    const tables = await ownerQuery<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
       WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> 'typeorm_migrations' ORDER BY relname`,
    );
    expect(tables.map((table) => table.relname)).toEqual([
      'account_merges',
      'accounts',
      'contacts',
      'erasure_acknowledgements',
      'erasure_requests',
      'import_job_errors',
      'import_jobs',
      'inbox',
      'outbox',
      'tenants',
      'users',
    ]);
    for (const table of tables)
      expect(table).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('put tenant_id first in every index', async () => {
    const indexes = await ownerQuery<{ index: string; first_column: string }>(
      `SELECT i.indexrelid::regclass::text AS index, a.attname AS first_column
       FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
       WHERE i.indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname <> 'typeorm_migrations')`,
    );
    const offenders = indexes.filter(
      (index) => index.first_column !== 'tenant_id' && !NOT_TENANT_FIRST.has(index.index),
    );
    expect(indexes.length).toBeGreaterThan(8);
    expect(offenders).toEqual([]);
  });

  it('can be reverted to nothing and applied again', async () => {
    const { dataSource } = createAccountsDataSource(testDatabase.ownerUrl);
    await dataSource.initialize();
    try {
      for (let step = 0; step < accountsMigrations.length; step += 1)
        await dataSource.undoLastMigration({ transaction: 'each' });
      const [left] = await dataSource.query(
        `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
      );
      expect(left).toEqual({ tables: 0 });
    } finally {
      await dataSource.destroy();
    }
    await runMigrations(accountsDatabaseOptions(testDatabase.ownerUrl));
    expect(await pendingSchemaChanges(accountsDatabaseOptions(testDatabase.ownerUrl))).toEqual([]);
  });
});
