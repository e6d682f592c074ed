import { bucketOf, type CalendarSystem, type Granularity } from '../metrics/buckets';
import { formatDay, parseDay } from '../metrics/calendar-day';
import type { ProjectionScope } from './read-model-scope';

/** A counted order's first payment: the local day, model, currency and account it counts for. */
export interface FirstPayment {
  day: string;
  sales_model: string;
  currency: string;
  account_id: string;
}

/** Sales-model key of the rows that count customers over every model. */
export const ALL_SALES_MODELS = 'ALL';

/** Every period kind kept; a DAY is the same day in both calendars, so it is kept once (GREGORIAN). */
export const CUSTOMER_PERIODS: ReadonlyArray<{ calendar: CalendarSystem; granularity: Granularity }> = [
  { calendar: 'GREGORIAN', granularity: 'DAY' },
  ...(['GREGORIAN', 'JALALI'] as const).flatMap((calendar) =>
    (['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const).map((granularity) => ({ calendar, granularity })),
  ),
];

/** The calendar whose rows hold the figure asked for (DAY rows are stored once). */
export function storedCalendar(calendar: CalendarSystem, granularity: Granularity): CalendarSystem {
  return granularity === 'DAY' ? 'GREGORIAN' : calendar;
}

/** (day → first day of each period it falls in), for the period tables' keys. */
function periodsOfDay(
  day: string,
): Array<{ calendar: CalendarSystem; granularity: Granularity; start: string }> {
  const calendarDay = parseDay(day);
  return CUSTOMER_PERIODS.map(({ calendar, granularity }) => ({
    calendar,
    granularity,
    start: formatDay(bucketOf(calendarDay, granularity, calendar).firstDay),
  }));
}

interface MembershipDelta {
  currency: string;
  calendar: string;
  granularity: string;
  bucketStart: string;
  salesModelKey: string;
  accountId: string;
  delta: number;
}

/** after − before, per (period, model key, account): what the orders' change does to memberships. */
function membershipDeltas(before: FirstPayment[], after: FirstPayment[]): MembershipDelta[] {
  const deltas = new Map<string, MembershipDelta>();
  const add = (rows: FirstPayment[], sign: number) => {
    for (const row of rows) {
      for (const period of periodsOfDay(row.day)) {
        for (const salesModelKey of [ALL_SALES_MODELS, row.sales_model]) {
          const entry = {
            currency: row.currency,
            calendar: period.calendar,
            granularity: period.granularity,
            bucketStart: period.start,
            salesModelKey,
            accountId: row.account_id,
          };
          const key = Object.values(entry).join('|');
          const existing = deltas.get(key) ?? { ...entry, delta: 0 };
          existing.delta += sign;
          deltas.set(key, existing);
        }
      }
    }
  };
  add(before, -1);
  add(after, 1);
  return [...deltas.values()].filter((entry) => entry.delta !== 0);
}

const PERIOD_KEY = `"currency", "calendar", "granularity", "bucket_start", "sales_model_key"`;

/**
 * Moves memberships by the change from `before` to `after` (the orders' first payments before and
 * after their facts changed) and changes a period's customer count only where a membership crosses
 * 0 ↔ 1+. Nothing to do (no statement) when the first payments did not change, as for most events.
 * Rows are written in key order so that concurrent consumers lock shared counters in one order.
 */
export async function changeCustomerPeriods(
  scope: ProjectionScope,
  before: FirstPayment[],
  after: FirstPayment[],
): Promise<void> {
  const deltas = membershipDeltas(before, after);
  if (deltas.length === 0) return;
  const column = <K extends keyof MembershipDelta>(key: K) => deltas.map((entry) => entry[key]);
  await scope.manager.query(
    `WITH delta AS (
       SELECT * FROM unnest($2::char(3)[], $3::text[], $4::text[], $5::date[], $6::text[], $7::uuid[], $8::int[])
         AS d("currency", "calendar", "granularity", "bucket_start", "sales_model_key", "account_id", "delta")
     ),
     member AS (
       INSERT INTO "period_customer" ("tenant_id", ${PERIOD_KEY}, "account_id", "orders")
       SELECT $1, ${PERIOD_KEY}, "account_id", "delta" FROM delta ORDER BY ${PERIOD_KEY}, "account_id"
       ON CONFLICT ("tenant_id", ${PERIOD_KEY}, "account_id")
       DO UPDATE SET "orders" = "period_customer"."orders" + EXCLUDED."orders"
       RETURNING ${PERIOD_KEY}, "account_id", "orders"
     ),
     transition AS (
       SELECT m."currency", m."calendar", m."granularity", m."bucket_start", m."sales_model_key",
              SUM(CASE WHEN m."orders" > 0 AND m."orders" - d."delta" <= 0 THEN 1
                       WHEN m."orders" <= 0 AND m."orders" - d."delta" > 0 THEN -1 ELSE 0 END)::int AS "change"
       FROM member m JOIN delta d USING (${PERIOD_KEY}, "account_id")
       GROUP BY m."currency", m."calendar", m."granularity", m."bucket_start", m."sales_model_key"
     )
     INSERT INTO "period_customer_count" ("tenant_id", ${PERIOD_KEY}, "customers")
     SELECT $1, ${PERIOD_KEY}, "change" FROM transition WHERE "change" <> 0 ORDER BY ${PERIOD_KEY}
     ON CONFLICT ("tenant_id", ${PERIOD_KEY})
     DO UPDATE SET "customers" = "period_customer_count"."customers" + EXCLUDED."customers"`,
    [
      scope.tenantId,
      column('currency'),
      column('calendar'),
      column('granularity'),
      column('bucketStart'),
      column('salesModelKey'),
      column('accountId'),
      column('delta'),
    ],
  );
}

/**
 * Re-derives the tenant's period tables from `daily_customer` (after the daily rollups were
 * re-derived): the same memberships and counts the incremental path reaches, in three statements.
 */
export async function recomputeCustomerPeriods(scope: ProjectionScope): Promise<void> {
  const { manager, tenantId } = scope;
  await manager.query(`DELETE FROM "period_customer" WHERE "tenant_id" = $1`, [tenantId]);
  await manager.query(`DELETE FROM "period_customer_count" WHERE "tenant_id" = $1`, [tenantId]);
  const days: Array<{ day: string }> = await manager.query(
    `SELECT DISTINCT "day"::text AS "day" FROM "daily_customer" WHERE "tenant_id" = $1 AND "orders" > 0`,
    [tenantId],
  );
  if (days.length === 0) return;
  const periods = days.flatMap(({ day }) => periodsOfDay(day).map((period) => ({ day, ...period })));
  await manager.query(
    `INSERT INTO "period_customer" ("tenant_id", ${PERIOD_KEY}, "account_id", "orders")
     SELECT $1, c."currency", p."calendar", p."granularity", p."bucket_start", k."sales_model_key", c."account_id",
            SUM(c."orders")::int
     FROM "daily_customer" c
     JOIN unnest($2::date[], $3::text[], $4::text[], $5::date[]) AS p("day", "calendar", "granularity", "bucket_start")
       ON p."day" = c."day"
     CROSS JOIN LATERAL (VALUES ('${ALL_SALES_MODELS}'), (c."sales_model")) AS k("sales_model_key")
     WHERE c."tenant_id" = $1 AND c."orders" > 0
     GROUP BY c."currency", p."calendar", p."granularity", p."bucket_start", k."sales_model_key", c."account_id"`,
    [
      tenantId,
      periods.map((period) => period.day),
      periods.map((period) => period.calendar),
      periods.map((period) => period.granularity),
      periods.map((period) => period.start),
    ],
  );
  await manager.query(
    `INSERT INTO "period_customer_count" ("tenant_id", ${PERIOD_KEY}, "customers")
     SELECT "tenant_id", ${PERIOD_KEY}, COUNT(*)::int FROM "period_customer"
     WHERE "tenant_id" = $1 AND "orders" > 0 GROUP BY "tenant_id", ${PERIOD_KEY}`,
    [tenantId],
  );
}
