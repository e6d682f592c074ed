import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface PoolStats {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Requests queued for a connection: above zero under load means the pool is too small. */
  waiting: number;
}

/** The pg pool behind a PostgreSQL DataSource, read when metrics are scraped. */
export function poolStats(dataSource: DataSource): PoolStats {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  return {
    total: pool?.totalCount ?? 0,
    idle: pool?.idleCount ?? 0,
    waiting: pool?.waitingCount ?? 0,
  };
}
