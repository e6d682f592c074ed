import type { EntityManager } from 'typeorm';
import type { EventData, OrderPlaced } from '@crm/events';

type PlacedOrder = EventData<typeof OrderPlaced>;

/**
 * Orders are kept one row each and the account's aggregates are recomputed from those rows after
 * every order event: a fact applied twice, or a refund that arrives before the account's other
 * orders, still yields the same profile. Refund amounts are the order's cumulative refunded total
 * (as the event carries it), so a repeated refund event cannot subtract twice.
 *
 * totalSpentMinor = Σ (order total − refunded) over orders not cancelled, in minor units. A tenant
 * sells in its one currency; orders in another currency are kept but not added (no float FX here).
 */
export async function recordPlacedOrder(
  manager: EntityManager,
  tenantId: string,
  order: PlacedOrder,
): Promise<void> {
  const accountId = await currentAccountId(manager, tenantId, order.accountId);
  const productIds = [...new Set(order.lines.map((line) => line.productId))];
  const categories = [
    ...new Set(order.lines.flatMap((line) => (line.category === null ? [] : [line.category]))),
  ];
  await manager.query(
    `INSERT INTO "profile_orders" ("tenant_id", "order_id", "account_id", "placed_at", "total_minor", "currency",
       "cancelled", "product_ids", "categories")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ("tenant_id", "order_id") DO NOTHING`,
    [
      tenantId,
      order.orderId,
      accountId,
      order.placedAt,
      order.total.amountMinor,
      order.total.currency,
      order.status === 'CANCELLED',
      productIds,
      categories,
    ],
  );
  await recomputeOrderAggregates(manager, tenantId, accountId);
}

export async function recordOrderRefund(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  refundedTotalMinor: string,
): Promise<void> {
  // UPDATE … RETURNING inside a CTE throughout this service: for a bare UPDATE, TypeORM's query()
  // returns [rows, rowCount] instead of the rows.
  const rows: { account_id: string }[] = await manager.query(
    `WITH "refunded" AS (
       UPDATE "profile_orders" SET "refunded_minor" = GREATEST("refunded_minor", $3::bigint)
       WHERE "tenant_id" = $1 AND "order_id" = $2 RETURNING "account_id"
     ) SELECT * FROM "refunded"`,
    [tenantId, orderId, refundedTotalMinor],
  );
  for (const row of rows) await recomputeOrderAggregates(manager, tenantId, row.account_id);
}

export async function recordOrderCancelled(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
): Promise<void> {
  const rows: { account_id: string }[] = await manager.query(
    `WITH "cancelled" AS (
       UPDATE "profile_orders" SET "cancelled" = true WHERE "tenant_id" = $1 AND "order_id" = $2 RETURNING "account_id"
     ) SELECT * FROM "cancelled"`,
    [tenantId, orderId],
  );
  for (const row of rows) await recomputeOrderAggregates(manager, tenantId, row.account_id);
}

/** An order of an account merged away belongs to its survivor. */
async function currentAccountId(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<string> {
  const rows: { merged_into: string | null }[] = await manager.query(
    `SELECT "merged_into" FROM "customer_profiles" WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  );
  return rows[0]?.merged_into ?? accountId;
}

/** Creates the profile if the account's own events have not arrived yet (topics are not ordered together). */
export async function recomputeOrderAggregates(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO "customer_profiles" ("tenant_id", "account_id") VALUES ($1, $2)
     ON CONFLICT ("tenant_id", "account_id") DO NOTHING`,
    [tenantId, accountId],
  );
  await manager.query(
    `WITH "live" AS (
       SELECT * FROM "profile_orders" WHERE "tenant_id" = $1 AND "account_id" = $2 AND NOT "cancelled"
     ), "currency" AS (
       SELECT "currency" FROM "live" GROUP BY "currency" ORDER BY count(*) DESC, "currency" LIMIT 1
     )
     UPDATE "customer_profiles" SET
       "order_count" = (SELECT count(*) FROM "live"),
       "total_spent_minor" = COALESCE((SELECT sum("total_minor" - "refunded_minor") FROM "live"
                                       WHERE "currency" = (SELECT "currency" FROM "currency")), 0),
       "refunded_minor" = COALESCE((SELECT sum("refunded_minor") FROM "live"
                                    WHERE "currency" = (SELECT "currency" FROM "currency")), 0),
       "first_order_at" = (SELECT min("placed_at") FROM "live"),
       "last_order_at" = (SELECT max("placed_at") FROM "live"),
       "purchased_product_ids" = ARRAY(SELECT DISTINCT unnest("product_ids") FROM "live"),
       "purchased_categories" = ARRAY(SELECT DISTINCT unnest("categories") FROM "live"),
       "updated_at" = now()
     WHERE "tenant_id" = $1 AND "account_id" = $2`,
    [tenantId, accountId],
  );
}
