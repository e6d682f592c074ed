import type { EntityManager } from 'typeorm';
import { FieldErrors } from '@crm/subgraph';
import type { MetricsWindow } from './metrics-window';
import { rollupDimensionConditions, SqlConditions } from './sql-conditions';

export const MAX_TOP_CUSTOMERS = 100;

/**
 * Accounts by net paid revenue in the window (reporting currency, from the per-customer daily
 * rollup), highest first, ties by account id. productId does not apply (revenue is per order).
 */
export async function topCustomers(
  manager: EntityManager,
  query: { tenantId: string; currency: string; window: MetricsWindow; limit: number },
): Promise<string[]> {
  const errors = new FieldErrors();
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_TOP_CUSTOMERS) {
    errors.add('limit', `must be between 1 and ${MAX_TOP_CUSTOMERS}`);
  }
  errors.throwIfAny();
  const conditions = rollupDimensionConditions(
    new SqlConditions([
      query.tenantId,
      query.currency,
      query.window.firstDay,
      query.window.lastDay,
      query.limit,
    ]),
    'c',
    query.window,
  );
  const rows: Array<{ account_id: string }> = await manager.query(
    `SELECT c."account_id" FROM "daily_customer" c
     WHERE c."tenant_id" = $1 AND c."currency" = $2 AND c."day" BETWEEN $3::date AND $4::date AND ${conditions.sql}
     GROUP BY c."account_id"
     HAVING SUM(c."revenue_minor") > 0
     ORDER BY SUM(c."revenue_minor") DESC, c."account_id"
     LIMIT $5`,
    conditions.parameters,
  );
  return rows.map((row) => row.account_id);
}
