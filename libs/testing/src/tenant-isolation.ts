import type { MigratedTestDatabase } from './migrated-test-database';

export interface TenantIsolationContext {
  db: Pick<MigratedTestDatabase, 'ownerQuery' | 'database' | 'dataSource'>;
  /** The tenant whose session queries every table; another tenant must have rows in each too. */
  observerTenantId: string;
}

const tenantIdsIn = (rows: { tenant_id: string }[]) => [...new Set(rows.map((row) => row.tenant_id))];

/**
 * Declares (inside a describe) the row-level-security tests every service runs per table: an
 * unfiltered query in one tenant's session returns only that tenant's rows, and without a tenant
 * none at all. `context` is read when the tests run, after the suite's set-up filled the tables.
 */
export function itKeepsTenantRowsApart(
  tables: readonly string[],
  context: () => TenantIsolationContext,
): void {
  it.each(tables)("never returns another tenant's %s rows to an unfiltered query", async (table) => {
    const { db, observerTenantId } = context();
    // both tenants have rows, as the owner (not subject to row-level security) sees
    expect(tenantIdsIn(await db.ownerQuery(`SELECT "tenant_id" FROM "${table}"`))).toHaveLength(2);
    const seen: { tenant_id: string }[] = await db.database.inTenant(observerTenantId, (manager) =>
      manager.query(`SELECT "tenant_id" FROM "${table}"`),
    );
    expect(tenantIdsIn(seen)).toEqual([observerTenantId]);
  });

  it.each(tables)('returns no %s rows at all when no tenant is set', async (table) => {
    expect(await context().db.dataSource.query(`SELECT "tenant_id" FROM "${table}"`)).toEqual([]);
  });
}
