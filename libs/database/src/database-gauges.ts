import type { DataSource } from 'typeorm';
import { poolStats } from './pool-stats';
import type { SqlStatementCounter } from './sql-statement-counter';

/** The part of a service's metrics registry this lib needs (ServiceMetrics fits). */
export interface GaugeRegistry {
  observedGauge(name: string, help: string, read: () => number | Promise<number>): unknown;
}

/** The gauges every service exports about its database: statements sent and the pool's state. */
export function registerDatabaseGauges(
  metrics: GaugeRegistry,
  dataSource: DataSource,
  sqlStatements: SqlStatementCounter,
): void {
  metrics.observedGauge('sql_statements', 'SQL statements sent since start', () => sqlStatements.statements);
  metrics.observedGauge(
    'db_pool_connections',
    'Open database connections',
    () => poolStats(dataSource).total,
  );
  metrics.observedGauge(
    'db_pool_idle_connections',
    'Idle database connections',
    () => poolStats(dataSource).idle,
  );
  metrics.observedGauge(
    'db_pool_waiting_requests',
    'Queries waiting for a database connection',
    () => poolStats(dataSource).waiting,
  );
}
