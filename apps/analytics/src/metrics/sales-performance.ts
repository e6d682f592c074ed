import type { EntityManager } from 'typeorm';
import { CONTRIBUTION } from '../projection/sales-rollup';
import { ALL_SALES_MODELS, storedCalendar } from '../projection/customer-periods';
import { bucketOf, type Bucket, type CalendarSystem, type Granularity } from './buckets';
import { addDays, compareDays, daysBetween, formatDay, startOfDayInstant } from './calendar-day';
import type { MetricsWindow, SalesModel } from './metrics-window';
import { divideRoundingHalfUp, money, type Money } from './money';
import { rollupDimensionConditions, SqlConditions } from './sql-conditions';

export interface SalesPoint {
  bucket: string;
  bucketStart: Date;
  revenue: Money;
  orders: number;
  customers: number;
  averageOrderValue: Money;
}

export interface SalesModelSlice {
  salesModel: SalesModel;
  revenue: Money;
  orders: number;
  share: number;
}

export interface SalesPerformance {
  total: Money;
  orders: number;
  averageOrderValue: Money;
  series: SalesPoint[];
  bySalesModel: SalesModelSlice[];
}

export interface SalesQuery {
  tenantId: string;
  timeZone: string;
  currency: string;
  window: MetricsWindow;
  granularity: Granularity;
  calendar: CalendarSystem;
  /**
   * Where the figures come from: the daily rollups (default) or a GROUP BY over the facts, which a
   * productId filter always needs and the benchmark compares against.
   */
  source?: 'rollups' | 'facts';
}

interface SalesRow {
  key: string;
  sales_model: SalesModel;
  revenue: string;
  orders: number;
}

interface CustomerRow {
  key: string;
  customers: number;
}

/**
 * Revenue (net paid = payments − refunds on the local day they happened), orders (counted on the
 * local day of their first payment), customers (distinct accounts with a counted order in the
 * bucket) and AOV = revenue / orders, rounded half-up. Read from the daily rollups; a productId
 * filter needs the order lines, so that one is answered from the facts (same definitions).
 */
export async function salesPerformance(manager: EntityManager, query: SalesQuery): Promise<SalesPerformance> {
  const days = daysBetween(query.window.firstCalendarDay, query.window.lastCalendarDay);
  const buckets = new Map<string, Bucket>();
  const bucketOfDay = new Map<string, string>();
  for (const day of days) {
    const bucket = bucketOf(day, query.granularity, query.calendar);
    buckets.set(bucket.key, bucket);
    bucketOfDay.set(formatDay(day), bucket.key);
  }
  const { sales, customers } =
    query.window.productId === null && query.source !== 'facts'
      ? await readFromRollups(manager, query, [...buckets.values()], bucketOfDay)
      : await readFromFacts(manager, query, [
          days.map(formatDay),
          days.map((day) => bucketOfDay.get(formatDay(day))),
        ]);
  return assemble(query, buckets, sales, customers);
}

/**
 * Sales by day (a few hundred rows a year) mapped to buckets here. Customers: from the per-period
 * counts where they are kept (no channel, owner or campaign filter), otherwise counted per bucket over
 * the daily rows.
 */
async function readFromRollups(
  manager: EntityManager,
  query: SalesQuery,
  buckets: Bucket[],
  bucketOfDay: Map<string, string>,
): Promise<{ sales: SalesRow[]; customers: CustomerRow[] }> {
  const { window } = query;
  const salesConditions = rollupDimensionConditions(
    new SqlConditions([query.tenantId, query.currency, window.firstDay, window.lastDay]),
    's',
    window,
  );
  const dailySales: Array<Omit<SalesRow, 'key'> & { day: string }> = await manager.query(
    `SELECT s."day"::text AS "day", s."sales_model", SUM(s."revenue_minor")::text AS "revenue",
            SUM(s."orders")::int AS "orders"
     FROM "daily_sales" s
     WHERE s."tenant_id" = $1 AND s."currency" = $2 AND s."day" BETWEEN $3::date AND $4::date AND ${salesConditions.sql}
     GROUP BY s."day", s."sales_model"`,
    salesConditions.parameters,
  );
  const sales = dailySales.map(({ day, ...row }) => ({ ...row, key: bucketOfDay.get(day) ?? day }));
  const customers =
    window.channel === null && window.ownerId === null && window.campaignId === null
      ? await customersFromPeriodCounts(manager, query, buckets, bucketOfDay)
      : await customersFromDailyRows(manager, query, buckets, window.firstDay, window.lastDay);
  return { sales, customers };
}

/**
 * Distinct customers per bucket from `period_customer_count` (one row per bucket), for the
 * filters it is kept for (none, salesModel). A bucket the window covers only partly (the first or
 * last) counts the window's days only, so those are counted from the daily rows instead.
 */
async function customersFromPeriodCounts(
  manager: EntityManager,
  query: SalesQuery,
  buckets: Bucket[],
  bucketOfDay: Map<string, string>,
): Promise<CustomerRow[]> {
  const { window, granularity, calendar } = query;
  const partial = buckets.filter(
    (bucket, index) =>
      (index === 0 && compareDays(bucket.firstDay, window.firstCalendarDay) < 0) ||
      (index === buckets.length - 1 &&
        bucketOf(addDays(window.lastCalendarDay, 1), granularity, calendar).key === bucket.key),
  );
  const complete = buckets.filter((bucket) => !partial.includes(bucket));
  const counts: Array<{ bucket_start: string; customers: number }> = await manager.query(
    `SELECT "bucket_start"::text AS "bucket_start", "customers" FROM "period_customer_count"
     WHERE "tenant_id" = $1 AND "currency" = $2 AND "calendar" = $3 AND "granularity" = $4
       AND "sales_model_key" = $5 AND "bucket_start" = ANY($6::date[])`,
    [
      query.tenantId,
      query.currency,
      storedCalendar(calendar, granularity),
      granularity,
      window.salesModel ?? ALL_SALES_MODELS,
      complete.map((bucket) => formatDay(bucket.firstDay)),
    ],
  );
  const keyOfStart = new Map(complete.map((bucket) => [formatDay(bucket.firstDay), bucket.key]));
  const customers = counts.map((row) => ({
    key: keyOfStart.get(row.bucket_start) ?? '',
    customers: row.customers,
  }));
  for (const bucket of partial) {
    const days = [...bucketOfDay].filter(([, key]) => key === bucket.key).map(([day]) => day);
    customers.push(
      ...(await customersFromDailyRows(manager, query, [bucket], days[0], days[days.length - 1])),
    );
  }
  return customers;
}

/** Distinct customers per bucket over the daily rows of the days firstDay … lastDay (any filter). */
async function customersFromDailyRows(
  manager: EntityManager,
  query: SalesQuery,
  buckets: Bucket[],
  firstDay: string,
  lastDay: string,
): Promise<CustomerRow[]> {
  const customerConditions = rollupDimensionConditions(
    new SqlConditions([
      query.tenantId,
      query.currency,
      firstDay,
      lastDay,
      buckets.map((bucket) => formatDay(bucket.firstDay)),
    ]),
    'c',
    query.window,
  );
  const customerCounts: Array<{ bucket: number; customers: number }> = await manager.query(
    `SELECT width_bucket(c."day", $5::date[]) AS "bucket", COUNT(DISTINCT c."account_id")::int AS "customers"
     FROM "daily_customer" c
     WHERE c."tenant_id" = $1 AND c."currency" = $2 AND c."day" BETWEEN $3::date AND $4::date AND c."orders" > 0
       AND ${customerConditions.sql}
     GROUP BY 1`,
    customerConditions.parameters,
  );
  return customerCounts.map((row) => ({
    key: buckets[row.bucket - 1].key,
    customers: row.customers,
  }));
}

/** The same figures by a GROUP BY over the facts (orders that include the product, whole order). */
async function readFromFacts(
  manager: EntityManager,
  query: SalesQuery,
  dayTable: unknown[],
): Promise<{ sales: SalesRow[]; customers: CustomerRow[] }> {
  const conditions = rollupDimensionConditions(
    new SqlConditions([query.tenantId, query.timeZone, null, query.currency, ...dayTable]),
    'f',
    query.window,
  ).addIf(
    query.window.productId,
    (p) => `EXISTS (SELECT 1 FROM "order_line_fact" l
      WHERE l."tenant_id" = $1 AND l."order_id" = f."order_id" AND l."product_id" = ${p}::uuid)`,
  );
  const rows: Array<SalesRow & { customers: number }> = await manager.query(
    `WITH f AS (${CONTRIBUTION})
     SELECT b."key", f."sales_model", SUM(f."amount_minor")::text AS "revenue", SUM(f."is_first")::int AS "orders",
            COUNT(DISTINCT f."account_id") FILTER (WHERE f."is_first" = 1)::int AS "customers"
     FROM f JOIN unnest($5::date[], $6::text[]) AS b("day", "key") ON b."day" = f."day"
     WHERE f."currency" = $4 AND ${conditions.sql}
     GROUP BY GROUPING SETS ((b."key", f."sales_model"), (b."key"))`,
    conditions.parameters,
  );
  return {
    sales: rows.filter((row) => row.sales_model !== null),
    customers: rows.filter((row) => row.sales_model === null),
  };
}

function averageOrderValue(revenue: bigint, orders: number): bigint {
  return orders === 0 ? 0n : divideRoundingHalfUp(revenue, BigInt(orders));
}

/** Revenue and orders summed over some sales rows. */
function sumOf(rows: SalesRow[]): { revenue: bigint; orders: number } {
  return rows.reduce(
    (sum, row) => ({ revenue: sum.revenue + BigInt(row.revenue), orders: sum.orders + row.orders }),
    { revenue: 0n, orders: 0 },
  );
}

function assemble(
  query: SalesQuery,
  buckets: Map<string, Bucket>,
  sales: SalesRow[],
  customers: CustomerRow[],
): SalesPerformance {
  const { currency } = query;
  const customersByBucket = new Map(customers.map((row) => [row.key, row.customers]));
  const salesByBucket = new Map<string, SalesRow[]>();
  for (const row of sales) {
    const group = salesByBucket.get(row.key);
    if (group) group.push(row);
    else salesByBucket.set(row.key, [row]);
  }
  const series: SalesPoint[] = [...buckets.values()].map((bucket) => {
    const { revenue, orders } = sumOf(salesByBucket.get(bucket.key) ?? []);
    return {
      bucket: bucket.key,
      bucketStart: startOfDayInstant(bucket.firstDay, query.timeZone),
      revenue: money(revenue, currency),
      orders,
      customers: customersByBucket.get(bucket.key) ?? 0,
      averageOrderValue: money(averageOrderValue(revenue, orders), currency),
    };
  });
  const total = sumOf(sales);
  const models: SalesModel[] = query.window.salesModel ? [query.window.salesModel] : ['B2B', 'B2C'];
  const bySalesModel = models.map((salesModel) => {
    const { revenue, orders } = sumOf(sales.filter((row) => row.sales_model === salesModel));
    return {
      salesModel,
      revenue: money(revenue, currency),
      orders,
      share: total.revenue === 0n ? 0 : Number(revenue) / Number(total.revenue),
    };
  });
  return {
    total: money(total.revenue, currency),
    orders: total.orders,
    averageOrderValue: money(averageOrderValue(total.revenue, total.orders), currency),
    series,
    bySalesModel,
  };
}
