import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrateEntities } from '@crm/database';
import type { TimePosition } from './time-cursor';

export interface PageRows<T> {
  rows: T[];
  totalCount: number;
}

export interface NewestFirstPagesQuery {
  /** SQL naming the candidate rows as "x" for one owner "requested"."key" (a FROM … WHERE fragment). */
  rowsOfKey: string;
  /** The name of the row's time column, e.g. starts_at. */
  timeColumn: string;
  /** Extra parameters from $6 on, used by `rowsOfKey`. */
  parameters?: unknown[];
}

/**
 * The same page of rows (newest first, after a cursor) for each of many owners in one statement:
 * per owner a LATERAL subquery reads at most pageSize + 1 rows from a (tenant, owner, time, id)
 * index range, and another counts them. Work stays bounded by the page size per owner.
 */
export async function selectNewestFirstPages<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  query: NewestFirstPagesQuery,
  tenantId: string,
  keys: readonly string[],
  pageSize: number,
  after: TimePosition | null,
): Promise<PageRows<T>[]> {
  const time = `"x"."${query.timeColumn}"`;
  const sql = `
    SELECT "requested"."key" AS "requested_key", "totals"."total_count", "page".*
    FROM unnest($2::uuid[]) AS "requested" ("key")
    CROSS JOIN LATERAL (SELECT count(*)::int AS "total_count" ${query.rowsOfKey}) AS "totals"
    LEFT JOIN LATERAL (
      SELECT "x".* ${query.rowsOfKey}
        AND ($3::timestamptz IS NULL OR (${time}, "x"."id") < ($3::timestamptz, $4::uuid))
      ORDER BY ${time} DESC, "x"."id" DESC
      LIMIT $5
    ) AS "page" ON true
    ORDER BY "requested"."key", "page"."${query.timeColumn}" DESC, "page"."id" DESC`;
  const rows: (Record<string, unknown> & {
    requested_key: string;
    total_count: number;
    id: string | null;
  })[] = await manager.query(sql, [
    tenantId,
    keys,
    after?.at ?? null,
    after?.id ?? null,
    pageSize + 1,
    ...(query.parameters ?? []),
  ]);
  const rowsByKey = new Map<string, typeof rows>();
  for (const row of rows) {
    const keyRows = rowsByKey.get(row.requested_key);
    if (keyRows) keyRows.push(row);
    else rowsByKey.set(row.requested_key, [row]);
  }
  return keys.map((key) => {
    const keyRows = rowsByKey.get(key) ?? [];
    return {
      rows: hydrateEntities(
        manager,
        target,
        keyRows.filter((row) => row.id !== null),
      ),
      totalCount: keyRows[0]?.total_count ?? 0,
    };
  });
}
