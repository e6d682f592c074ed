import type { EntityManager } from 'typeorm';
import { compileSegment, type SegmentQueryOptions } from './compile-segment';
import type { SegmentRule } from './segment-rules';
import { SqlParameters } from './sql-parameters';

/** Member counts of several segments in ONE statement (UNION ALL of their compiled queries). */
export async function countSegmentMembers(
  manager: EntityManager,
  rules: readonly SegmentRule[],
  options: SegmentQueryOptions,
): Promise<number[]> {
  if (rules.length === 0) return [];
  const parameters = new SqlParameters();
  const counts = rules.map(
    (rule, index) =>
      `SELECT ${index} AS "position", count(*)::int AS "count" FROM (${compileSegment(rule, options, parameters).membersSql}) "members"`,
  );
  const rows: { position: number; count: number }[] = await manager.query(
    counts.join(' UNION ALL '),
    parameters.values,
  );
  const byPosition = new Map(rows.map((row) => [row.position, row.count]));
  return rules.map((_rule, index) => byPosition.get(index) ?? 0);
}

/** One page of member account ids in id order, after the given id. */
export async function segmentMemberIds(
  manager: EntityManager,
  rule: SegmentRule,
  options: SegmentQueryOptions,
  page: { first: number; afterAccountId: string | null },
): Promise<string[]> {
  const parameters = new SqlParameters();
  const { membersSql } = compileSegment(rule, options, parameters);
  const after =
    page.afterAccountId === null ? '' : `WHERE "account_id" > ${parameters.add(page.afterAccountId)}::uuid`;
  const rows: { account_id: string }[] = await manager.query(
    `SELECT "account_id" FROM (${membersSql}) "members" ${after} ORDER BY "account_id" LIMIT ${parameters.add(page.first)}`,
    parameters.values,
  );
  return rows.map((row) => row.account_id);
}
