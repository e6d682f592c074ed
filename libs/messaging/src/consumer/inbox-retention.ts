import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';

/**
 * Deletes inbox entries processed more than `olderThanDays` ago. An entry only has to outlive every
 * possible redelivery of its event, so keep it longer than the topics keep messages (7 days here).
 * Run in the 'inbox-retention' system context, which sees every tenant's entries.
 */
export async function deleteProcessedInboxEntries(
  manager: EntityManager,
  olderThanDays: number,
): Promise<number> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new Error(`inbox retention must be a whole number of days, at least 1, got ${olderThanDays}`);
  }
  const [, deleted] = (await manager.query(
    `DELETE FROM "inbox" WHERE "processed_at" < now() - make_interval(days => $1)`,
    [olderThanDays],
  )) as [unknown[], number];
  return deleted;
}

export interface InboxRetentionOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  processedEntriesMaxAgeDays: number;
  sweepEveryMs?: number;
}

/** Sweeps the inbox on a timer; every instance may run one, since the delete is idempotent. */
export class InboxRetention {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(private readonly options: InboxRetentionOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweeping = this.sweep();
    }, this.options.sweepEveryMs ?? 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  async sweep(): Promise<void> {
    const { database, logger, processedEntriesMaxAgeDays } = this.options;
    try {
      const deleted = await database.inSystemContext('inbox-retention', (manager) =>
        deleteProcessedInboxEntries(manager, processedEntriesMaxAgeDays),
      );
      if (deleted > 0) logger.info({ deleted }, 'deleted old inbox entries');
    } catch (error) {
      logger.error({ err: error }, 'inbox retention sweep failed; it runs again on the next tick');
    }
  }
}
