import { v7 as uuidv7 } from 'uuid';
import { itKeepsTenantRowsApart } from '@crm/testing';
import { ActivityService } from '../src/activity/activity.service';
import { TaskService } from '../src/task/task.service';
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
const TABLES = ['activities', 'activity_contacts', 'timeline_entries', 'tasks', 'reminders', 'outbox'];

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  activities = new ActivityService(db.database);
  const tasks = new TaskService(db.database);
  for (const tenant of [tenantA, tenantB]) {
    await activities.logActivity(
      tenant,
      aCall({ accountId: sharedAccountId, contactIds: [uuidv7()], subject: tenant.tenantId }),
    );
    await tasks.createTask(tenant, {
      title: tenant.tenantId,
      accountId: sharedAccountId,
      remindAt: [new Date('2030-01-01T00:00:00Z')],
    });
  }
});

afterAll(() => db.close());

describe('row-level security', () => {
  itKeepsTenantRowsApart(TABLES, () => ({ db, observerTenantId: tenantB.tenantId }));

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
