import type { EntityManager } from 'typeorm';
import { FieldErrors } from '@crm/subgraph';
import { dayOfInstant, pad } from './calendar-day';
import type { SalesModel } from './metrics-window';
import { divideRoundingHalfUp, money, type Money } from './money';

export interface ForecastPoint {
  month: string;
  weighted: Money;
  commit: Money;
  bestCase: Money;
}

export const MAX_FORECAST_MONTHS = 36;

/**
 * Open deals (reporting currency) by expected close month, from the tenant-local current month on:
 * weighted = Σ amount × probability / 100 (half-up per month), commit = Σ amount of deals whose stage
 * is in the COMMIT forecast category, bestCase = Σ amount of COMMIT and BEST_CASE deals.
 * Deals without an expected close date, or expected before this month, are not forecast.
 */
export async function forecast(
  manager: EntityManager,
  query: {
    tenantId: string;
    timeZone: string;
    currency: string;
    months: number;
    salesModel: SalesModel | null;
    now: Date;
  },
): Promise<ForecastPoint[]> {
  const errors = new FieldErrors();
  if (!Number.isInteger(query.months) || query.months < 1 || query.months > MAX_FORECAST_MONTHS) {
    errors.add('months', `must be between 1 and ${MAX_FORECAST_MONTHS}`);
  }
  errors.throwIfAny();
  const today = dayOfInstant(query.now, query.timeZone);
  const months = Array.from({ length: query.months }, (_, offset) => {
    const index = today.year * 12 + today.month - 1 + offset;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  });
  const rows: Array<{ month: string; weighted: string; commit: string; best_case: string }> =
    await manager.query(
      `SELECT to_char(o."expected_close_date", 'YYYY-MM') AS "month",
            SUM(o."amount_minor" * o."probability")::text AS "weighted",
            COALESCE(SUM(o."amount_minor") FILTER (WHERE d."forecast_category" = 'COMMIT'), 0)::text AS "commit",
            COALESCE(SUM(o."amount_minor") FILTER (WHERE d."forecast_category" IN ('COMMIT', 'BEST_CASE')), 0)::text
              AS "best_case"
     FROM "opportunity_fact" o
     LEFT JOIN "pipeline_stage_dim" d
       ON d."tenant_id" = o."tenant_id" AND d."pipeline_id" = o."pipeline_id" AND d."stage_id" = o."stage_id"
     WHERE o."tenant_id" = $1 AND o."status" = 'OPEN' AND o."currency" = $2
       AND to_char(o."expected_close_date", 'YYYY-MM') = ANY($3) AND ($4::text IS NULL OR o."sales_model" = $4)
     GROUP BY 1`,
      [query.tenantId, query.currency, months, query.salesModel],
    );
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  return months.map((month) => {
    const row = byMonth.get(month);
    return {
      month,
      weighted: money(divideRoundingHalfUp(BigInt(row?.weighted ?? '0'), 100n), query.currency),
      commit: money(BigInt(row?.commit ?? '0'), query.currency),
      bestCase: money(BigInt(row?.best_case ?? '0'), query.currency),
    };
  });
}
