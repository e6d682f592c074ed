import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { hydrateEntities } from '@crm/database';
import { OpportunityEntity } from './opportunity.entity';

export interface OpportunityFilter {
  pipelineId?: string | null;
  stageId?: string | null;
  ownerId?: string | null;
  /** true: not won or lost yet; false: closed; absent: both. */
  open?: boolean | null;
}

export function filteredOpportunities(
  manager: EntityManager,
  tenantId: string,
  filter: OpportunityFilter,
): SelectQueryBuilder<OpportunityEntity> {
  const query = manager
    .createQueryBuilder(OpportunityEntity, 'opportunity')
    .where('opportunity.tenantId = :tenantId', { tenantId });
  if (filter.pipelineId)
    query.andWhere('opportunity.pipelineId = :pipelineId', { pipelineId: filter.pipelineId });
  if (filter.stageId) query.andWhere('opportunity.stageId = :stageId', { stageId: filter.stageId });
  if (filter.ownerId) query.andWhere('opportunity.ownerId = :ownerId', { ownerId: filter.ownerId });
  if (filter.open === true) query.andWhere('opportunity.closedAt IS NULL');
  if (filter.open === false) query.andWhere('opportunity.closedAt IS NOT NULL');
  return query;
}

/**
 * Newest first; after the opportunity `afterId` (the last one of the previous page: the contract's
 * lists carry no cursors, so an id is the cursor), the ones created before it. The query must bind
 * `:tenantId`.
 */
export function inListingOrder(
  query: SelectQueryBuilder<OpportunityEntity>,
  afterId: string | null,
): SelectQueryBuilder<OpportunityEntity> {
  if (afterId) {
    query.andWhere(
      `(opportunity.createdAt, opportunity.id) < (SELECT "after"."created_at", "after"."id" FROM "opportunities" "after" WHERE "after"."tenant_id" = :tenantId AND "after"."id" = :afterId)`,
      { afterId },
    );
  }
  return query.orderBy('opportunity.createdAt', 'DESC').addOrderBy('opportunity.id', 'DESC');
}

/**
 * The first `pageSize` opportunities (newest first, after the cursor) of each account, in one
 * statement: a window function numbers each account's rows, so the statement count does not grow
 * with the number of accounts in a response.
 */
export async function selectOpportunityPagesByAccount(
  manager: EntityManager,
  tenantId: string,
  accountIds: readonly string[],
  options: { open: boolean | null; pageSize: number; afterId: string | null },
): Promise<OpportunityEntity[]> {
  const conditions = [`"tenant_id" = $1`, `"account_id" = ANY($2::uuid[])`];
  const parameters: unknown[] = [tenantId, accountIds, options.pageSize];
  if (options.open === true) conditions.push(`"closed_at" IS NULL`);
  if (options.open === false) conditions.push(`"closed_at" IS NOT NULL`);
  if (options.afterId) {
    parameters.push(options.afterId);
    conditions.push(
      `("created_at", "id") < (SELECT "created_at", "id" FROM "opportunities" WHERE "tenant_id" = $1 AND "id" = $4)`,
    );
  }
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT * FROM (
       SELECT *, row_number() OVER (PARTITION BY "account_id" ORDER BY "created_at" DESC, "id" DESC) AS "rank"
       FROM "opportunities" WHERE ${conditions.join(' AND ')}
     ) AS "ranked" WHERE "rank" <= $3 ORDER BY "account_id", "rank"`,
    parameters,
  );
  return hydrateEntities(manager, OpportunityEntity, rows);
}

/** A change that is not a column of the row (buying committee, line items) still makes a new version. */
export async function touchOpportunity(
  manager: EntityManager,
  opportunity: OpportunityEntity,
): Promise<void> {
  const [rows] = (await manager.query(
    `UPDATE "opportunities" SET "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "id" = $2 RETURNING "version", "updated_at"`,
    [opportunity.tenantId, opportunity.id],
  )) as [{ version: number; updated_at: Date }[], number];
  const [row] = rows;
  if (row) Object.assign(opportunity, { version: row.version, updatedAt: row.updated_at });
}
