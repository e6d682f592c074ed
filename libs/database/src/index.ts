export * from './data-source';
export * from './sql-statement-counter';
export * from './tenant-scope';
export * from './row-level-security';
export * from './migrations-runner';
export * from './pool-stats';
