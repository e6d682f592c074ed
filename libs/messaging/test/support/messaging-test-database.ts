import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, runMigrations, TenantScopedDatabase } from '@crm/database';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { MessagingTestSchema1764172800000 } from './messaging-test-schema.migration';

export interface MessagingTestDatabase {
  testDatabase: TestDatabase;
  /** Connected as the application role: row-level security applies, as in production. */
  database: TenantScopedDatabase;
  /** Another application-role pool, for work that must not share the relay's or consumer's pool. */
  connectAsApp(applicationName: string, poolSize: number): Promise<DataSource>;
  /** Runs SQL as the owner, which sees every tenant's rows: for assertions only. */
  ownerQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh database migrated like a service's: outbox, inbox and the projection the tests apply. */
export async function createMessagingTestDatabase(purpose: string): Promise<MessagingTestDatabase> {
  const testDatabase = await createTestDatabase(purpose);
  await runMigrations({
    url: testDatabase.ownerUrl,
    applicationName: 'messaging-tests:migrations',
    entities: [],
    migrations: [MessagingTestSchema1764172800000],
  });

  const dataSources: DataSource[] = [];
  const connectAsApp = async (applicationName: string, poolSize: number): Promise<DataSource> => {
    const { dataSource } = createServiceDataSource({
      url: testDatabase.appUrl,
      applicationName,
      entities: [],
      poolSize,
    });
    await dataSource.initialize();
    dataSources.push(dataSource);
    return dataSource;
  };
  const database = new TenantScopedDatabase(await connectAsApp('messaging-tests', 8));
  const owner = new Client({ connectionString: testDatabase.ownerUrl });
  await owner.connect();

  return {
    testDatabase,
    database,
    connectAsApp,
    ownerQuery: async <T>(sql: string, params: unknown[] = []) =>
      (await owner.query(sql, params)).rows as T[],
    close: async () => {
      await Promise.all(
        dataSources.map((dataSource) => (dataSource.isInitialized ? dataSource.destroy() : undefined)),
      );
      await owner.end();
      await testDatabase.drop();
    },
  };
}
