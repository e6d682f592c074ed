import type { Logger as TypeOrmLogger } from 'typeorm';

export interface QueryErrorSink {
  error(details: { err: unknown; query: string }, message: string): void;
  warn(details: { durationMs: number; query: string }, message: string): void;
}

/**
 * TypeORM logger that counts every SQL statement the service sends: the figure that proves
 * DataLoader batching (statements per request must not grow with rows returned). Failed and
 * slow statements go to the structured log; parameters never do (they may hold personal data).
 */
export class SqlStatementCounter implements TypeOrmLogger {
  private count = 0;

  constructor(private readonly sink?: QueryErrorSink) {}

  get statements(): number {
    return this.count;
  }

  logQuery(): void {
    this.count += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink?.error({ err: error, query }, 'SQL statement failed');
  }

  logQuerySlow(durationMs: number, query: string): void {
    this.sink?.warn({ durationMs, query }, 'slow SQL statement');
  }

  logSchemaBuild(): void {
    // schema builds happen only in migrations and drift checks, which report on their own
  }

  logMigration(): void {
    // runMigrations returns the applied names; the caller logs them
  }

  log(): void {
    // TypeORM's informational chatter carries nothing an operator acts on
  }
}
