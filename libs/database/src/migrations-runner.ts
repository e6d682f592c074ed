import { createServiceDataSource, type ServiceDataSourceOptions } from './data-source';

export interface MigrationsReport {
  applied: string[];
}

/** Any fixed key will do: each service has a database of its own, and advisory locks are per database. */
const MIGRATIONS_LOCK = 'typeorm_migrations';

/**
 * Applies pending migrations as the owning role (the application role cannot create tables).
 * TypeORM reads the pending list without any lock, so two runs at once (a re-run deploy job, a
 * developer's `npm start` beside a test run) would both apply the same migration; a session-level
 * advisory lock, held on a connection of its own, makes the second run wait and find nothing left.
 */
export async function runMigrations(options: ServiceDataSourceOptions): Promise<MigrationsReport> {
  const { dataSource } = createServiceDataSource({ ...options, poolSize: 2 });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATIONS_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    // Closing the pool ends the session, which releases the lock even if this unlock cannot run.
    await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATIONS_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

/**
 * The SQL TypeORM would still need to make the database match the entities after every migration
 * ran: empty when migrations and entities agree. CI fails on anything else.
 */
export async function pendingSchemaChanges(options: ServiceDataSourceOptions): Promise<string[]> {
  const { dataSource } = createServiceDataSource({ ...options, poolSize: 1 });
  await dataSource.initialize();
  try {
    const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
    return sqlInMemory.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}
