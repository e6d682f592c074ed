import type { EntityManager } from 'typeorm';

/**
 * Deletes outbox rows published more than `olderThanDays` ago; they only matter for a short audit
 * window. Unpublished rows are never touched, however old. Run in the 'outbox-relay' system context.
 */
export async function deletePublishedOutboxRows(
  manager: EntityManager,
  olderThanDays: number,
): Promise<number> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 0) {
    throw new Error(`outbox retention must be a whole number of days, got ${olderThanDays}`);
  }
  const [, deleted] = (await manager.query(
    `DELETE FROM "outbox" WHERE "published_at" < now() - make_interval(days => $1)`,
    [olderThanDays],
  )) as [unknown[], number];
  return deleted;
}
