import type { EntityManager } from 'typeorm';
import { queryableIds } from '@crm/subgraph';

/**
 * Where merged accounts went: one row per merged id, always pointing at the current survivor (a
 * later merge of that survivor re-points the rows), so a lookup is one step, never a chain.
 */

/** Survivor id by merged id, for those of `ids` that were merged. */
export async function survivorsOf(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = queryableIds(ids);
  if (wanted.length === 0) return new Map();
  const rows = (await manager.query(
    `SELECT "merged_id", "survivor_id" FROM "account_merges" WHERE "tenant_id" = $1 AND "merged_id" = ANY($2::uuid[])`,
    [tenantId, wanted],
  )) as { merged_id: string; survivor_id: string }[];
  return new Map(rows.map((row) => [row.merged_id, row.survivor_id]));
}

/** The account an id stands for now: its survivor if it was merged, else the id itself. */
export async function currentAccountId(
  manager: EntityManager,
  tenantId: string,
  id: string,
): Promise<string> {
  return (await survivorsOf(manager, tenantId, [id])).get(id) ?? id;
}

/** The ids merged into the survivor, oldest merge first. */
export async function idsMergedInto(
  manager: EntityManager,
  tenantId: string,
  survivorId: string,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT "merged_id" FROM "account_merges" WHERE "tenant_id" = $1 AND "survivor_id" = $2 ORDER BY "merged_at", "merged_id"`,
    [tenantId, survivorId],
  )) as { merged_id: string }[];
  return rows.map((row) => row.merged_id);
}

/** Records the merges, and re-points what had been merged into the duplicates before. */
export async function recordMerges(
  manager: EntityManager,
  tenantId: string,
  survivorId: string,
  mergedIds: readonly string[],
  actorId: string,
): Promise<void> {
  await manager.query(
    `UPDATE "account_merges" SET "survivor_id" = $2 WHERE "tenant_id" = $1 AND "survivor_id" = ANY($3::uuid[])`,
    [tenantId, survivorId, mergedIds],
  );
  await manager.query(
    `INSERT INTO "account_merges" ("tenant_id", "merged_id", "survivor_id", "merged_by")
     SELECT $1, "merged_id", $2, $4 FROM unnest($3::uuid[]) AS "m" ("merged_id")`,
    [tenantId, survivorId, mergedIds, actorId],
  );
}
