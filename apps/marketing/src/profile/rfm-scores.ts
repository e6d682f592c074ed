import type { EntityManager } from 'typeorm';

/**
 * Recomputes a tenant's RFM quintiles in one statement: NTILE(5) over the live (segmentable)
 * accounts with orders not cancelled in the `windowDays` before `asOf`, ranked by last order date
 * (R), order count (F) and net spend (M), ties broken by account id so a quintile is stable.
 * Accounts without such orders get no score. Only changed rows are written.
 */
export async function refreshRfmScores(
  manager: EntityManager,
  tenantId: string,
  asOf: Date,
  windowDays: number,
): Promise<void> {
  await manager.query(
    `WITH "scores" AS (
       SELECT "o"."account_id",
         NTILE(5) OVER (ORDER BY max("o"."placed_at"), "o"."account_id") AS "r",
         NTILE(5) OVER (ORDER BY count(*), "o"."account_id") AS "f",
         NTILE(5) OVER (ORDER BY sum("o"."total_minor" - "o"."refunded_minor"), "o"."account_id") AS "m"
       FROM "profile_orders" "o"
       JOIN "customer_profiles" "live" ON "live"."tenant_id" = "o"."tenant_id" AND "live"."account_id" = "o"."account_id"
         AND "live"."merged_into" IS NULL AND NOT "live"."erased" AND NOT "live"."archived"
       WHERE "o"."tenant_id" = $1 AND NOT "o"."cancelled"
         AND "o"."placed_at" > $2::timestamptz - make_interval(days => $3::int)
       GROUP BY "o"."account_id"
     ), "next" AS (
       SELECT "p"."account_id", "s"."r", "s"."f", "s"."m" FROM "customer_profiles" "p"
       LEFT JOIN "scores" "s" ON "s"."account_id" = "p"."account_id"
       WHERE "p"."tenant_id" = $1
     )
     UPDATE "customer_profiles" "p" SET "rfm_recency" = "next"."r", "rfm_frequency" = "next"."f", "rfm_monetary" = "next"."m"
     FROM "next"
     WHERE "p"."tenant_id" = $1 AND "p"."account_id" = "next"."account_id"
       AND ("p"."rfm_recency", "p"."rfm_frequency", "p"."rfm_monetary") IS DISTINCT FROM ("next"."r", "next"."f", "next"."m")`,
    [tenantId, asOf.toISOString(), windowDays],
  );
}
