import { v7 as uuidv7 } from 'uuid';
import { ActivityService } from '../src/activity/activity.service';
import { TimelineService } from '../src/timeline/timeline.service';
import { aCall, newTenant } from './support/interactions-fixtures';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';

/**
 * Tenant isolation must hold even where a query forgets its tenant filter: these queries have none,
 * and run as the application role, like the service.
 */
let db: InteractionsTestDatabase;
let activities: ActivityService;
const tenantA = newTenant();
const tenantB = newTenant();
const sharedAccountId = uuidv7(); // the same id in both tenants must still not mix
const TABLES = ['activities', 'activity_contacts', 'timeline_entries', 'outbox'];

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  activities = new ActivityService(db.database);
  for (const tenant of [tenantA, tenantB])
    await activities.logActivity(
      tenant,
      aCall({ accountId: sharedAccountId, contactIds: [uuidv7()], subject: tenant.tenantId }),
    );
});

afterAll(() => db.close());

const tenantIdsIn = (rows: { tenant_id: string }[]) => [...new Set(rows.map((row) => row.tenant_id))];

describe('row-level security', () => {
  it.each(TABLES)("never returns another tenant's %s rows to an unfiltered query", async (table) => {
    expect(tenantIdsIn(await db.ownerQuery(`SELECT "tenant_id" FROM "${table}"`))).toHaveLength(2);
    const seenByB: { tenant_id: string }[] = await db.database.inTenant(tenantB.tenantId, (manager) =>
      manager.query(`SELECT "tenant_id" FROM "${table}"`),
    );
    expect(tenantIdsIn(seenByB)).toEqual([tenantB.tenantId]);
  });

  it.each(TABLES)('returns no %s rows at all when no tenant is set', async (table) => {
    expect(await db.dataSource.query(`SELECT "tenant_id" FROM "${table}"`)).toEqual([]);
  });

  it("never returns another tenant's activities through the services, even for the same account id", async () => {
    const [page] = await activities.pagesOf('account', tenantB.tenantId, [sharedAccountId], null, 20, null);
    expect(page?.edges.map((edge) => edge.node.subject)).toEqual([tenantB.tenantId]);
    const [timeline] = await new TimelineService(db.database).pagesByAccount(
      tenantB.tenantId,
      [sharedAccountId],
      20,
      null,
    );
    expect(timeline?.edges).toHaveLength(1);
    const [idOfA] = await db.ownerQuery<{ id: string }>(
      `SELECT "id" FROM "activities" WHERE "tenant_id" = $1`,
      [tenantA.tenantId],
    );
    expect(await activities.findByIds(tenantB.tenantId, [idOfA?.id as string])).toEqual([null]);
  });

  it("refuses to write a row into another tenant's scope", async () => {
    const insert = db.database.inTenant(tenantB.tenantId, (manager) =>
      manager.query(
        `INSERT INTO "notifications" ("tenant_id", "id", "user_id", "kind", "message") VALUES ($1, $2, $2, 'x', 'x')`,
        [tenantA.tenantId, uuidv7()],
      ),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });
});
