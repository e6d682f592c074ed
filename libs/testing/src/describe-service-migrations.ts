import { pendingSchemaChanges, runMigrations, type ServiceDataSourceOptions } from '@crm/database';
import { indexLeads, revertAllMigrations, tableSecurity } from './migration-checks';
import { createTestDatabase, type TestDatabase } from './test-database';

/** The outbox (libs/messaging) is read by the relay across tenants in one order, by design. */
const OUTBOX_INDEXES = ['outbox_pkey', 'outbox_unpublished_idx'];

export interface ServiceMigrationsExpectations {
  service: string;
  /** The service's own description of its database (entities, migrations) for a URL. */
  databaseOptions: (url: string) => ServiceDataSourceOptions;
  /** Every table the migrations create, sorted: a new table is listed on purpose, and checked for RLS. */
  tables: string[];
  /**
   * Indexes that lead with something other than tenant_id on purpose, beside the outbox's, each
   * with the reason (given where it is created, too).
   */
  indexesNotLeadingWithTenant?: Record<string, string>;
  /** Fewer indexes than this means the index check looked at the wrong thing. */
  minimumIndexes?: number;
}

/**
 * The checks every service's migrations must pass, as one describe block: no drift between entities
 * and migrations, forced row-level security on every table, tenant_id leading every index, and a
 * full revert and re-apply.
 */
export function describeServiceMigrations(expected: ServiceMigrationsExpectations): void {
  const allowedIndexes = new Set([
    ...OUTBOX_INDEXES,
    ...Object.keys(expected.indexesNotLeadingWithTenant ?? {}),
  ]);

  describe(`${expected.service} migrations`, () => {
    let testDatabase: TestDatabase;
    const ownerOptions = () => expected.databaseOptions(testDatabase.ownerUrl);

    beforeAll(async () => {
      testDatabase = await createTestDatabase(`${expected.service}_migrations`);
      await runMigrations(ownerOptions());
    });

    afterAll(() => testDatabase?.drop());

    it('leave nothing for the entities to change (CI fails when an entity changes without a migration)', async () => {
      expect(await pendingSchemaChanges(ownerOptions())).toEqual([]);
    });

    it('enable and force row-level security on every table', async () => {
      const tables = await tableSecurity(testDatabase.ownerUrl);
      expect(tables.map(({ table }) => table)).toEqual(expected.tables);
      expect(tables.filter((table) => !table.rowLevelSecurity || !table.forced)).toEqual([]);
    });

    it('put tenant_id first in every index', async () => {
      const indexes = await indexLeads(testDatabase.ownerUrl);
      expect(indexes.length).toBeGreaterThanOrEqual(expected.minimumIndexes ?? 1);
      expect(
        indexes.filter(({ index, firstColumn }) => firstColumn !== 'tenant_id' && !allowedIndexes.has(index)),
      ).toEqual([]);
    });

    it('can be reverted to nothing and applied again', async () => {
      expect(await revertAllMigrations(ownerOptions())).toEqual({ tables: [], functions: [] });
      await runMigrations(ownerOptions());
      expect(await pendingSchemaChanges(ownerOptions())).toEqual([]);
    });
  });
}
