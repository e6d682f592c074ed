import { DataSource } from 'typeorm';
import { runMigrations } from '@crm/database';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { createMarketingDataSource, marketingDatabaseOptions } from '../src/database';
import { marketingMigrations } from '../src/migrations';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('marketing_migrations');
  await runMigrations(marketingDatabaseOptions(testDatabase.ownerUrl));
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
  'campaigns_status_idx', // campaigns_with_work() looks across tenants for the sender loop
  'outbox_pkey', // the relay reads every tenant's rows in one order (libs/messaging)
  'outbox_unpublished_idx',
]);

describe('marketing migrations', () => {
  it('enable and force row-level security on every table', async () => {
    const tables = await ownerQuery<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
       WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> 'typeorm_migrations' ORDER BY relname`,
    );
    expect(tables.map((table) => table.relname)).toEqual([
      'campaign_recipients',
      'campaigns',
      'consents',
      'customer_profiles',
      'inbox',
      'outbox',
      'profile_contacts',
      'profile_orders',
      'segments',
      'visits',
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
    expect(indexes.length).toBeGreaterThan(10);
    expect(
      indexes.filter((index) => index.first_column !== 'tenant_id' && !NOT_TENANT_FIRST.has(index.index)),
    ).toEqual([]);
  });

  it('can be reverted to nothing and applied again', async () => {
    const { dataSource } = createMarketingDataSource(testDatabase.ownerUrl);
    await dataSource.initialize();
    try {
      for (let step = 0; step < marketingMigrations.length; step += 1)
        await dataSource.undoLastMigration({ transaction: 'each' });
      const [left] = await dataSource.query(
        `SELECT (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations') AS tables,
           (SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'public'::regnamespace) AS functions`,
      );
      expect(left).toEqual({ tables: 0, functions: 0 });
    } finally {
      await dataSource.destroy();
    }
    const { applied } = await runMigrations(marketingDatabaseOptions(testDatabase.ownerUrl));
    expect(applied).toHaveLength(marketingMigrations.length);
  });
});
