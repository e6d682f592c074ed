import type { EntityManager } from 'typeorm';
import { FieldErrors } from '@crm/subgraph';
import { dayOfInstant, pad } from './calendar-day';
import type { SalesModel } from './metrics-window';

export interface CohortRow {
  cohort: string;
  size: number;
  retention: number[];
}

/**
 * Cohorts: accounts by the tenant-local month (`YYYY-MM`) of their first counted order, for the
 * months from `from` to `to` (exclusive). retention[k] = share of the cohort with a counted order in
 * the k-th month after the cohort month (retention[0] is 1), up to the month `to` falls in.
 */
export async function cohortRetention(
  manager: EntityManager,
  query: { tenantId: string; timeZone: string; from: Date; to: Date; salesModel: SalesModel | null },
): Promise<CohortRow[]> {
  const errors = new FieldErrors();
  if (!(query.from.getTime() < query.to.getTime())) errors.add('to', 'must be after from');
  errors.throwIfAny();
  const first = dayOfInstant(query.from, query.timeZone);
  const last = dayOfInstant(new Date(query.to.getTime() - 1), query.timeZone);
  const firstMonth = monthIndex(first.year, first.month);
  const lastMonth = monthIndex(last.year, last.month);

  const rows: Array<{ account_id: string; month: string }> = await manager.query(
    `SELECT c."account_id", to_char(c."day", 'YYYY-MM') AS "month"
     FROM "daily_customer" c
     WHERE c."tenant_id" = $1 AND c."orders" > 0 AND ($2::text IS NULL OR c."sales_model" = $2)
     GROUP BY c."account_id", to_char(c."day", 'YYYY-MM')`,
    [query.tenantId, query.salesModel],
  );
  const monthsByAccount = new Map<string, Set<number>>();
  for (const row of rows) {
    const [year, month] = row.month.split('-').map(Number);
    const months = monthsByAccount.get(row.account_id) ?? new Set<number>();
    months.add(monthIndex(year, month));
    monthsByAccount.set(row.account_id, months);
  }
  const cohorts = new Map<number, Array<Set<number>>>();
  for (const months of monthsByAccount.values()) {
    const cohort = Math.min(...months);
    if (cohort < firstMonth || cohort > lastMonth) continue;
    cohorts.set(cohort, [...(cohorts.get(cohort) ?? []), months]);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cohort, members]) => ({
      cohort: monthLabel(cohort),
      size: members.length,
      retention: Array.from(
        { length: lastMonth - cohort + 1 },
        (_, offset) => members.filter((months) => months.has(cohort + offset)).length / members.length,
      ),
    }));
}

function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}
