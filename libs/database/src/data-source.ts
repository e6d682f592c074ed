import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { SqlStatementCounter, type QueryErrorSink } from './sql-statement-counter';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface ServiceDataSourceOptions {
  /** postgres:// URL; the service connects as the application role, migrations as the owner. */
  url: string;
  /** Shows up in pg_stat_activity, so an operator can tell services apart. */
  applicationName: string;
  entities: EntityList;
  migrations?: MigrationList;
  poolSize?: number;
  slowQueryMs?: number;
  errorSink?: QueryErrorSink;
}

export interface ServiceDataSource {
  dataSource: DataSource;
  sqlStatements: SqlStatementCounter;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): ServiceDataSource {
  const sqlStatements = new SqlStatementCounter(options.errorSink);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: sqlStatements,
    maxQueryExecutionTime: options.slowQueryMs ?? 500,
    extra: { max: options.poolSize ?? 10 },
  });
  return { dataSource, sqlStatements };
}
