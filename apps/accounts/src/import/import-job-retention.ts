import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { PeriodicTask } from '@crm/service-runtime';

/**
 * Deletes the import jobs that finished more than `olderThanDays` ago, every tenant's at once (the
 * 'scheduler' system context), with their row errors (ON DELETE CASCADE). A running job is kept
 * however old. Its idempotency key goes with it: an upload retried after that imports afresh.
 */
export async function deleteFinishedImportJobs(
  manager: EntityManager,
  olderThanDays: number,
): Promise<number> {
  const [, deleted] = (await manager.query(
    `DELETE FROM "import_jobs" WHERE "finished_at" < now() - make_interval(days => $1)`,
    [olderThanDays],
  )) as [unknown[], number];
  return deleted;
}

export interface ImportJobRetentionOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  retentionDays: number;
  sweepEveryMs?: number;
}

/** Sweeps on a timer; every instance may run one, since the delete is idempotent. */
export function importJobRetentionTask(options: ImportJobRetentionOptions): PeriodicTask {
  const { database, logger, retentionDays } = options;
  return new PeriodicTask({
    name: 'import job retention sweep',
    everyMs: options.sweepEveryMs ?? 3_600_000,
    logger,
    run: async () => {
      const deleted = await database.inSystemContext('scheduler', (manager) =>
        deleteFinishedImportJobs(manager, retentionDays),
      );
      if (deleted > 0) logger.info({ deleted }, 'deleted finished import jobs past retention');
    },
  });
}
