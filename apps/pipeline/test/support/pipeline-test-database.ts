import 'reflect-metadata';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrations, TenantScopedDatabase, type SqlStatementCounter } from '@crm/database';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { pipelineDatabaseOptions, createPipelineDataSource } from '../../src/database';

/**
 * A fresh pipeline database for one test file, migrated as the owner; the service side connects as
 * the application role, so row-level security applies exactly as in production.
 */
export interface PipelineTestDatabase {
  testDatabase: TestDatabase;
  /** Application role. */
  dataSource: DataSource;
  database: TenantScopedDatabase;
  sqlStatements: SqlStatementCounter;
  /** As the owner (a superuser here, so row-level security does not apply): for checks across tenants. */
  ownerQuery<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  countRows(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function createPipelineTestDatabase(): Promise<PipelineTestDatabase> {
  const testDatabase = await createTestDatabase('pipeline');
  await runMigrations(pipelineDatabaseOptions(testDatabase.ownerUrl));
  const { dataSource, sqlStatements } = createPipelineDataSource(testDatabase.appUrl);
  await dataSource.initialize();
  const owner = new Pool({ connectionString: testDatabase.ownerUrl, max: 2 });

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
