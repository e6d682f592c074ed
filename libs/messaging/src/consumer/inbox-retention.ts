import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { PeriodicTask } from '@crm/service-runtime';

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
export function inboxRetentionTask(options: InboxRetentionOptions): PeriodicTask {
  const { database, logger, processedEntriesMaxAgeDays } = options;
  return new PeriodicTask({
    name: 'inbox retention sweep',
    everyMs: options.sweepEveryMs ?? 3_600_000,
    logger,
    run: async () => {
      const deleted = await database.inSystemContext('inbox-retention', (manager) =>
        deleteProcessedInboxEntries(manager, processedEntriesMaxAgeDays),
      );
      if (deleted > 0) logger.info({ deleted }, 'deleted old inbox entries');
    },
  });
}
