import type { EntityManager } from 'typeorm';
import type { MetricsWindow } from './metrics-window';
import { SqlConditions } from './sql-conditions';

export interface CountByKey {
  key: string;
  count: number;
}

export interface InteractionStats {
  byType: CountByKey[];
  byChannel: CountByKey[];
  byOwner: CountByKey[];
}

/** Activities owned by nobody are counted under this key. */
export const UNASSIGNED_OWNER = 'UNASSIGNED';

/**
 * Activities (not cancelled) starting in [from, to), counted by type, channel and owner. The
 * salesModel filter uses the activity's account; channel filters the activity channel.
 */
export async function interactionStats(
  manager: EntityManager,
  query: { tenantId: string; window: MetricsWindow },
): Promise<InteractionStats> {
  const { window } = query;
  const conditions = new SqlConditions([query.tenantId, window.from, window.to])
    .addIf(
      window.salesModel,
      (p) => `EXISTS (SELECT 1 FROM "account_dim" a
        WHERE a."tenant_id" = t."tenant_id" AND a."account_id" = t."account_id" AND a."sales_model" = ${p})`,
    )
    .addIf(window.ownerId, (p) => `t."owner_id" = ${p}::uuid`)
    .addIf(window.channel, (p) => `t."channel" = ${p}`);
  const rows: Array<{ type: string | null; channel: string | null; owner: string | null; count: number }> =
    await manager.query(
      `SELECT t."type", t."channel", COALESCE(t."owner_id"::text, '${UNASSIGNED_OWNER}') AS "owner",
              COUNT(*)::int AS "count"
       FROM "activity_fact" t
       WHERE t."tenant_id" = $1 AND t."status" <> 'CANCELLED' AND t."starts_at" >= $2 AND t."starts_at" < $3
         AND ${conditions.sql}
       GROUP BY GROUPING SETS ((t."type"), (t."channel"), (COALESCE(t."owner_id"::text, '${UNASSIGNED_OWNER}')))`,
      conditions.parameters,
    );
  const countsOf = (
    pick: (row: (typeof rows)[number]) => string | null,
    others: Array<(row: (typeof rows)[number]) => string | null>,
  ) =>
    rows
      .filter((row) => pick(row) !== null && others.every((other) => other(row) === null))
      .map((row) => ({ key: pick(row) as string, count: row.count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    byType: countsOf((row) => row.type, [(row) => row.channel, (row) => row.owner]),
    byChannel: countsOf((row) => row.channel, [(row) => row.type, (row) => row.owner]),
    byOwner: countsOf((row) => row.owner, [(row) => row.type, (row) => row.channel]),
  };
}
