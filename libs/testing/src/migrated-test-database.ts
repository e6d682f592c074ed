import 'reflect-metadata';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import {
  createServiceDataSource,
  runMigrations,
  TenantScopedDatabase,
  type ServiceDataSourceOptions,
  type SqlStatementCounter,
} from '@crm/database';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A service's database for one test file: fresh, migrated as the owner, and opened as the
 * application role, so row-level security applies exactly as in production.
 */
export interface MigratedTestDatabase {
  testDatabase: TestDatabase;
  /** Application role. */
  dataSource: DataSource;
  database: TenantScopedDatabase;
  /** Counts the statements the application role sent: what DataLoader tests compare. */
  sqlStatements: SqlStatementCounter;
  /** As the owner (a superuser here, so row-level security does not apply): for checks across tenants. */
  ownerQuery<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  countRows(table: string): Promise<number>;
  /** Closes both connections and drops the database. */
  close(): Promise<void>;
}

/** `databaseOptions` is the service's own description of its database (entities, migrations) for a URL. */
export async function createMigratedTestDatabase(
  purpose: string,
  databaseOptions: (url: string) => ServiceDataSourceOptions,
): Promise<MigratedTestDatabase> {
  const testDatabase = await createTestDatabase(purpose);
  await runMigrations(databaseOptions(testDatabase.ownerUrl));
  const { dataSource, sqlStatements } = createServiceDataSource(databaseOptions(testDatabase.appUrl));
  await dataSource.initialize();
  const owner = new Pool({ connectionString: testDatabase.ownerUrl, max: 2 });
  // An idle owner connection that PostgreSQL closes (the forced drop at the end, a restart) must not
  // surface as an unhandled 'error' event that fails whichever test file happens to be running.
  owner.on('error', () => undefined);
  const ownerQuery = async <T>(sql: string, parameters: unknown[] = []) =>
    (await owner.query(sql, parameters)).rows as T[];
  return {
    testDatabase,
    dataSource,
    database: new TenantScopedDatabase(dataSource),
    sqlStatements,
    ownerQuery,
    async countRows(table) {
      const [row] = await ownerQuery<{ count: number }>(`SELECT count(*)::int AS count FROM "${table}"`);
      return row?.count ?? 0;
    },
    async close() {
      await dataSource.destroy();
      await owner.end();
      await testDatabase.drop();
    },
  };
}
