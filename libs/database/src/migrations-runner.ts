import { createServiceDataSource, type ServiceDataSourceOptions } from './data-source';

export interface MigrationsReport {
  applied: string[];
}

/** Applies pending migrations as the owning role (the application role cannot create tables). */
export async function runMigrations(options: ServiceDataSourceOptions): Promise<MigrationsReport> {
  const { dataSource } = createServiceDataSource({ ...options, poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name) };
  } finally {
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
