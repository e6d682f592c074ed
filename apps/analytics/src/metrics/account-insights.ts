import type { EntityManager } from 'typeorm';
import { COUNTED_ORDER } from './conversion-rates';
import { divideRoundingHalfUp, money, type Money } from './money';
import { rfmCode } from './rfm';

export interface AccountInsights {
  totalRevenue: Money;
  orderCount: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  lastInteractionAt: Date | null;
  rfm: string | null;
  openPipeline: Money;
  lifetimeValue: Money;
}

const DAY_MS = 86_400_000;

/**
 * Insights for a batch of accounts (one DataLoader batch), a fixed number of queries per batch:
 * totalRevenue = Σ net paid (reporting currency); orderCount = counted orders; first/last order =
 * placedAt of the first/last counted order; lastInteractionAt = latest non-cancelled activity that
 * has started; openPipeline = Σ open deal amounts; lifetimeValue = totalRevenue + Σ open deal amount
 * × probability / 100 (half-up): what the customer paid plus what its open deals are expected to bring.
 */
export async function accountInsights(
  manager: EntityManager,
  query: { tenantId: string; currency: string; accountIds: string[]; now: Date },
): Promise<Map<string, AccountInsights>> {
  const { tenantId, currency, accountIds, now } = query;
  const sales: Array<{ account_id: string; revenue: string; orders: number }> = await manager.query(
    `SELECT "account_id", COALESCE(SUM("revenue_minor") FILTER (WHERE "currency" = $2), 0)::text AS "revenue",
            SUM("orders")::int AS "orders"
     FROM "daily_customer" WHERE "tenant_id" = $1 AND "account_id" = ANY($3) GROUP BY "account_id"`,
    [tenantId, currency, accountIds],
  );
  const orderDates: Array<{ account_id: string; first_at: Date; last_at: Date }> = await manager.query(
    `SELECT o."account_id", MIN(o."placed_at") AS "first_at", MAX(o."placed_at") AS "last_at"
     FROM "order_fact" o WHERE o."tenant_id" = $1 AND o."account_id" = ANY($2) AND ${COUNTED_ORDER}
     GROUP BY o."account_id"`,
    [tenantId, accountIds],
  );
  const interactions: Array<{ account_id: string; last_at: Date }> = await manager.query(
    `SELECT "account_id", MAX("starts_at") AS "last_at" FROM "activity_fact"
     WHERE "tenant_id" = $1 AND "account_id" = ANY($2) AND "status" <> 'CANCELLED' AND "starts_at" <= $3
     GROUP BY "account_id"`,
    [tenantId, accountIds, now],
  );
  const pipeline: Array<{ account_id: string; open: string; weighted: string }> = await manager.query(
    `SELECT "account_id", SUM("amount_minor")::text AS "open", SUM("amount_minor" * "probability")::text AS "weighted"
     FROM "opportunity_fact" WHERE "tenant_id" = $1 AND "account_id" = ANY($2) AND "status" = 'OPEN' AND "currency" = $3
     GROUP BY "account_id"`,
    [tenantId, accountIds, currency],
  );
  const quintiles: Array<{ account_id: string; quintile: number }> = await manager.query(
    `WITH customers AS (
       SELECT "account_id", SUM("revenue_minor") FILTER (WHERE "currency" = $2) AS "revenue"
       FROM "daily_customer" WHERE "tenant_id" = $1 GROUP BY "account_id" HAVING SUM("orders") > 0
     ), ranked AS (
       SELECT "account_id", ntile(5) OVER (ORDER BY COALESCE("revenue", 0), "account_id")::int AS "quintile" FROM customers
     )
     SELECT "account_id", "quintile" FROM ranked WHERE "account_id" = ANY($3)`,
    [tenantId, currency, accountIds],
  );

  const byAccount = <T extends { account_id: string }>(rows: T[]) =>
    new Map(rows.map((row) => [row.account_id, row]));
  const salesOf = byAccount(sales);
  const datesOf = byAccount(orderDates);
  const interactionOf = byAccount(interactions);
  const pipelineOf = byAccount(pipeline);
  const quintileOf = byAccount(quintiles);
  return new Map(
    accountIds.map((accountId) => {
      const revenue = BigInt(salesOf.get(accountId)?.revenue ?? '0');
      const orderCount = salesOf.get(accountId)?.orders ?? 0;
      const dates = datesOf.get(accountId);
      const open = pipelineOf.get(accountId);
      const weighted = divideRoundingHalfUp(BigInt(open?.weighted ?? '0'), 100n);
      const quintile = quintileOf.get(accountId)?.quintile;
      const rfm =
        dates && orderCount > 0 && quintile !== undefined
          ? rfmCode({
              daysSinceLastOrder: Math.floor((now.getTime() - dates.last_at.getTime()) / DAY_MS),
              orderCount,
              monetaryQuintile: quintile,
            })
          : null;
      return [
        accountId,
        {
          totalRevenue: money(revenue, currency),
          orderCount,
          firstOrderAt: dates?.first_at ?? null,
          lastOrderAt: dates?.last_at ?? null,
          lastInteractionAt: interactionOf.get(accountId)?.last_at ?? null,
          rfm,
          openPipeline: money(BigInt(open?.open ?? '0'), currency),
          lifetimeValue: money(revenue + weighted, currency),
        },
      ];
    }),
  );
}
