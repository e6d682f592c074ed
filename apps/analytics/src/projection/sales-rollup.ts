import type { EntityManager } from 'typeorm';
import { OrderPlaced, PaymentRecorded, PaymentRefunded, type EventEnvelope } from '@crm/events';
import type { TransactionHooks } from '@crm/messaging';
import { changeCustomerPeriods, recomputeCustomerPeriods, type FirstPayment } from './customer-periods';
import { NIL_UUID, type ProjectionScope } from './read-model-scope';

/**
 * The daily sales rollups are the sum of every placed order's contribution:
 * - revenue: each payment (+) and refund (−) of the order on the tenant-local day it happened;
 * - orders: 1 on the local day of the order's first payment (earliest `receivedAt`, ties by id).
 * An order whose OrderPlaced has not arrived yet contributes nothing: its payments are parked in
 * money_movement_fact and counted once the order (and so its owner) is known.
 *
 * Every change to an order's facts is applied as: subtract its contribution, change the facts, add
 * its contribution. Whatever order events arrive in, the rollups then equal the contribution of the
 * facts as they stand, which is exactly what a rebuild from scratch computes. The consumer does it
 * once per transaction rather than once per event (see `deferredSalesRollups`).
 */
export const CONTRIBUTION = `
  WITH zone AS (
    SELECT COALESCE((SELECT "time_zone" FROM "analytics_settings" WHERE "tenant_id" = $1), $2) AS "name"
  )
  SELECT (m."occurred_at" AT TIME ZONE zone."name")::date AS "day",
         o."sales_model", o."channel",
         COALESCE(o."owner_id", '${NIL_UUID}'::uuid) AS "owner_key",
         COALESCE(o."campaign_id", '${NIL_UUID}'::uuid) AS "campaign_key",
         m."currency", o."account_id", o."order_id", m."amount_minor",
         CASE WHEN m."movement_id" = first_payment."movement_id" THEN 1 ELSE 0 END AS "is_first"
  FROM "order_fact" o
  CROSS JOIN zone
  JOIN "money_movement_fact" m ON m."tenant_id" = o."tenant_id" AND m."order_id" = o."order_id"
  LEFT JOIN LATERAL (
    SELECT p."movement_id" FROM "money_movement_fact" p
    WHERE p."tenant_id" = o."tenant_id" AND p."order_id" = o."order_id" AND p."kind" = 'PAYMENT'
    ORDER BY p."occurred_at", p."movement_id" LIMIT 1
  ) first_payment ON true
  WHERE o."tenant_id" = $1 AND o."placed_at" IS NOT NULL AND ($3::uuid[] IS NULL OR o."order_id" = ANY($3))`;

const SALES_KEY = `"tenant_id", "day", "sales_model", "channel", "owner_key", "campaign_key", "currency"`;

/**
 * Adds (sign 1) or removes (sign −1) the contribution of the given orders, or of all (null), and
 * returns the given orders' first payments (none for all orders: the caller re-derives from the rollups).
 */
async function applyOrderContribution(
  scope: ProjectionScope,
  orderIds: string[] | null,
  sign: 1 | -1,
): Promise<FirstPayment[]> {
  if (orderIds !== null && orderIds.length === 0) return [];
  // One statement for both rollups: the contribution is computed once and feeds both inserts. Rows
  // are written in key order, so consumers of different partitions lock shared rows in one order.
  return scope.manager.query(
    `WITH contribution AS (${CONTRIBUTION}),
     sales AS (
       INSERT INTO "daily_sales" (${SALES_KEY}, "revenue_minor", "orders")
       SELECT $1, "day", "sales_model", "channel", "owner_key", "campaign_key", "currency",
              ($4 * SUM("amount_minor"))::bigint, ($4 * SUM("is_first"))::int
       FROM contribution GROUP BY "day", "sales_model", "channel", "owner_key", "campaign_key", "currency"
       ORDER BY "day", "sales_model", "channel", "owner_key", "campaign_key", "currency"
       ON CONFLICT (${SALES_KEY}) DO UPDATE SET
         "revenue_minor" = "daily_sales"."revenue_minor" + EXCLUDED."revenue_minor",
         "orders" = "daily_sales"."orders" + EXCLUDED."orders"
     ),
     customers AS (
       INSERT INTO "daily_customer" (${SALES_KEY}, "account_id", "revenue_minor", "orders")
     SELECT $1, "day", "sales_model", "channel", "owner_key", "campaign_key", "currency", "account_id",
            ($4 * SUM("amount_minor"))::bigint, ($4 * SUM("is_first"))::int
     FROM contribution
     GROUP BY "day", "sales_model", "channel", "owner_key", "campaign_key", "currency", "account_id"
     ORDER BY "day", "sales_model", "channel", "owner_key", "campaign_key", "currency", "account_id"
     ON CONFLICT (${SALES_KEY}, "account_id") DO UPDATE SET
       "revenue_minor" = "daily_customer"."revenue_minor" + EXCLUDED."revenue_minor",
       "orders" = "daily_customer"."orders" + EXCLUDED."orders"
     )
     SELECT "day"::text AS "day", "sales_model", "currency", "account_id" FROM contribution
     WHERE "is_first" = 1 AND $3::uuid[] IS NOT NULL`,
    [scope.tenantId, scope.defaultTimeZone, orderIds, sign],
  );
}

/** Orders whose contribution a transaction took out of the rollups, to be put back at its end. */
interface DeferredContribution {
  scope: ProjectionScope;
  orderIds: Set<string>;
  before: FirstPayment[];
}

const deferredByTransaction = new WeakMap<EntityManager, DeferredContribution>();

async function takeOut(deferred: DeferredContribution, orderIds: string[]): Promise<void> {
  const untouched = [...new Set(orderIds)].filter((orderId) => !deferred.orderIds.has(orderId));
  if (untouched.length === 0) return;
  for (const orderId of untouched) deferred.orderIds.add(orderId);
  deferred.before.push(...(await applyOrderContribution(deferred.scope, untouched, -1)));
}

const ORDER_CHANGING_TYPES = new Set([OrderPlaced.type, PaymentRecorded.type, PaymentRefunded.type]);

function ordersChangedBy(events: EventEnvelope[]): string[] {
  return events
    .filter((event) => ORDER_CHANGING_TYPES.has(event.type))
    .map((event) => (event.data as { orderId: string }).orderId);
}

/**
 * The read-model consumer's transaction hooks. Subtracting and re-adding an order's contribution
 * per event cost two heavy statements per event; per transaction it is one statement that takes
 * out every order the events will change, and one that puts them all back. Orders changed by other
 * events (an account merge) are taken out when first changed. Whatever the events, each touched
 * order is taken out as it stood before the transaction and put back as it stands at its end,
 * which is what the per-event steps add up to.
 */
export function deferredSalesRollups(defaultTimeZone: string): TransactionHooks {
  return {
    async beforeEvents(manager, events) {
      const deferred: DeferredContribution = {
        scope: { manager, tenantId: events[0].tenantid, defaultTimeZone },
        orderIds: new Set(),
        before: [],
      };
      deferredByTransaction.set(manager, deferred);
      await takeOut(deferred, ordersChangedBy(events));
    },
    async afterEvents(manager) {
      const deferred = deferredByTransaction.get(manager);
      deferredByTransaction.delete(manager);
      if (!deferred || deferred.orderIds.size === 0) return;
      const after = await applyOrderContribution(deferred.scope, [...deferred.orderIds], 1);
      await changeCustomerPeriods(deferred.scope, deferred.before, after);
    },
  };
}

/**
 * Runs a change to some orders' facts after their contribution was taken out of the rollups; the
 * transaction's end puts it back (`deferredSalesRollups`).
 */
export async function changeOrders(
  scope: ProjectionScope,
  orderIds: string[],
  change: () => Promise<void>,
): Promise<void> {
  const deferred = deferredByTransaction.get(scope.manager);
  if (!deferred) throw new Error('order facts change only inside the read model transaction hooks');
  await takeOut(deferred, orderIds);
  await change();
}

/** Re-derives the tenant's rollups from the facts (after its time zone changed). */
export async function recomputeSalesRollups(scope: ProjectionScope): Promise<void> {
  await scope.manager.query(`DELETE FROM "daily_sales" WHERE "tenant_id" = $1`, [scope.tenantId]);
  await scope.manager.query(`DELETE FROM "daily_customer" WHERE "tenant_id" = $1`, [scope.tenantId]);
  await applyOrderContribution(scope, null, 1);
  await recomputeCustomerPeriods(scope);
}
