import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@crm/subgraph';
import { ActivityService } from '../src/activity/activity.service';
import { DataExportService } from '../src/data-export/data-export.service';
import { TaskService } from '../src/task/task.service';
import { startConsumerHarness, type ConsumerHarness } from './support/consumer-harness';
import {
  accountCreated,
  accountErased,
  accountMerged,
  contactCreated,
  consentChanged,
} from './support/event-builders';
import { aCall, newTenant, outboxRowsAbout } from './support/interactions-fixtures';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';

let db: InteractionsTestDatabase;
let harness: ConsumerHarness;
let activities: ActivityService;
let tasks: TaskService;
let deliveries = 0;

async function deliver(...events: Parameters<ConsumerHarness['publish']>): Promise<void> {
  deliveries += events.length;
  await harness.publish(...events);
  await harness.waitForDeliveries(deliveries);
}

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  harness = await startConsumerHarness(db);
  activities = new ActivityService(db.database);
  tasks = new TaskService(db.database);
});

afterAll(async () => {
  await harness.stop();
  await db.close();
});

describe('AccountMerged', () => {
  it("re-points the merged accounts' activities, timeline and tasks to the survivor, once, and leaves others alone", async () => {
    const rep: Caller = newTenant();
    const [survivorId, duplicateId, bystanderId] = [uuidv7(), uuidv7(), uuidv7()];
    const onDuplicate = await activities.logActivity(
      rep,
      aCall({ accountId: duplicateId, subject: 'on the duplicate' }),
    );
    await activities.logActivity(rep, aCall({ accountId: survivorId, subject: 'on the survivor' }));
    await activities.logActivity(rep, aCall({ accountId: bystanderId, subject: 'elsewhere' }));
    await tasks.createTask(rep, { title: 'Follow up', accountId: duplicateId });
    const merged = accountMerged(rep.tenantId, survivorId, [duplicateId], []);

    await deliver(merged, merged);

    const [survivorPage, duplicatePage, bystanderPage] = await activities.pagesOf(
      'account',
      rep.tenantId,
      [survivorId, duplicateId, bystanderId],
      null,
      20,
      null,
    );
    expect(survivorPage?.edges.map((edge) => edge.node.id)).toContain(onDuplicate.id);
    expect(survivorPage?.totalCount).toBe(2);
    expect(duplicatePage?.totalCount).toBe(0);
    expect(bystanderPage?.totalCount).toBe(1);
    const [survivorTasks] = await tasks.tasksByAccount(rep.tenantId, [survivorId], null);
    expect(survivorTasks?.map((task) => task.title)).toEqual(['Follow up']);
    const timeline = await db.ownerQuery<{ account_id: string }>(
      `SELECT "account_id" FROM "timeline_entries" WHERE "activity_id" = $1`,
      [onDuplicate.id],
    );
    expect(timeline).toEqual([{ account_id: survivorId }]);
  });
});

describe('AccountErased', () => {
  it("blanks the customer's personal text, deletes their contact data, keeps the facts and acknowledges the erasure", async () => {
    const rep: Caller = newTenant();
    const [accountId, otherId, contactId] = [uuidv7(), uuidv7(), uuidv7()];
    await deliver(
      accountCreated(rep.tenantId, accountId, { displayName: 'Sara Ahmadi', emails: ['sara@example.com'] }),
      contactCreated(rep.tenantId, accountId, contactId, 'nima@example.com'),
      consentChanged(rep.tenantId, accountId, 'EMAIL', 'OPTED_OUT'),
    );
    const call = await activities.logActivity(
      rep,
      aCall({
        accountId,
        contactIds: [contactId],
        subject: 'Sara called about her order',
        body: 'Lives at 12 Vali Asr',
      }),
    );
    const kept = await activities.logActivity(
      rep,
      aCall({ accountId: otherId, subject: 'Another customer' }),
    );
    await tasks.createTask(rep, { title: 'Call Sara back', accountId });

    const before = await new DataExportService(db.database).exportFor(rep.tenantId, accountId);
    expect(before).toMatchObject({
      profile: { displayName: 'Sara Ahmadi', emails: ['sara@example.com'] },
      contacts: [expect.objectContaining({ firstName: 'Nima' })],
      consents: [expect.objectContaining({ channel: 'EMAIL', state: 'OPTED_OUT' })],
      activities: [
        expect.objectContaining({ subject: 'Sara called about her order', body: 'Lives at 12 Vali Asr' }),
      ],
      tasks: [expect.objectContaining({ title: 'Call Sara back' })],
    });

    await deliver(accountErased(rep.tenantId, accountId, [contactId]));

    const after = await new DataExportService(db.database).exportFor(rep.tenantId, accountId);
    expect(after).toMatchObject({
      profile: null,
      contacts: [],
      consents: [expect.objectContaining({ state: 'OPTED_OUT' })],
      activities: [expect.objectContaining({ id: call.id, type: 'CALL', subject: '[erased]', body: null })],
      timeline: [expect.objectContaining({ kind: 'CALL', summary: '[erased]' })],
      tasks: [expect.objectContaining({ title: '[erased]' })],
    });
    expect(JSON.stringify(after)).not.toMatch(/Sara|Nima|Vali Asr|example\.com/);
    const [untouched] = await activities.findByIds(rep.tenantId, [kept.id]);
    expect(untouched?.subject).toBe('Another customer');
    const acknowledgements = await outboxRowsAbout(db, accountId);
    expect(acknowledgements.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        type: 'crm.interactions.AccountErasureCompleted.v1',
        data: expect.objectContaining({ accountId, service: 'interactions' }),
      }),
    ]);
  });

  it("exports nothing of another tenant's customer", async () => {
    const [row] = await db.ownerQuery<{ account_id: string }>(
      `SELECT "account_id" FROM "activities" LIMIT 1`,
    );
    const stranger = newTenant();
    const exported = await new DataExportService(db.database).exportFor(
      stranger.tenantId,
      row?.account_id as string,
    );
    expect(exported).toEqual({
      profile: null,
      contacts: [],
      consents: [],
      activities: [],
      timeline: [],
      tasks: [],
      customerMessages: [],
    });
  });
});
