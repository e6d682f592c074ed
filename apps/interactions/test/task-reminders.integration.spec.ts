import { v7 as uuidv7 } from 'uuid';
import { createLogger, type Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import { NotificationService } from '../src/notification/notification.service';
import { ReminderScheduler } from '../src/task/reminder-scheduler';
import { TaskService } from '../src/task/task.service';
import { colleague, newTenant, outboxRowsAbout, outboxRowsOfType } from './support/interactions-fixtures';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';

let db: InteractionsTestDatabase;
let tasks: TaskService;
let notifications: NotificationService;
const logger = createLogger('interactions-test', 'silent');

function scheduler(): ReminderScheduler {
  return new ReminderScheduler({ database: db.database, logger, intervalMs: 60_000, batchSize: 7 });
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  tasks = new TaskService(db.database);
  notifications = new NotificationService(db.database);
});

afterAll(() => db.close());

describe('tasks', () => {
  it('creates a task for the caller with its distinct reminders in time order, and lists it among their tasks', async () => {
    const rep = newTenant();
    const [early, late] = [minutesFromNow(60), minutesFromNow(90)];
    const task = await tasks.createTask(rep, {
      title: 'Send the proposal',
      dueAt: minutesFromNow(120),
      remindAt: [late, early, late],
    });
    expect(task).toMatchObject({ status: 'OPEN', priority: 3, assigneeId: rep.userId });
    const [reminders] = await tasks.remindersByTask(rep.tenantId, [task.id]);
    expect(reminders?.map((reminder) => reminder.remindAt)).toEqual([early, late]);
    expect((await tasks.myTasks(rep, {})).map((mine) => mine.id)).toEqual([task.id]);
    expect(await tasks.myTasks(colleague(rep), {})).toEqual([]);
  });

  it('lists overdue tasks with dueBefore = now', async () => {
    const rep = newTenant();
    const overdue = await tasks.createTask(rep, { title: 'Overdue', dueAt: minutesFromNow(-60) });
    await tasks.createTask(rep, { title: 'Later', dueAt: minutesFromNow(60) });
    expect(
      (await tasks.myTasks(rep, { status: 'OPEN', dueBefore: new Date() })).map((task) => task.id),
    ).toEqual([overdue.id]);
  });

  it('refuses a blank title, priority 9 and a bad account id, writing nothing', async () => {
    const before = await db.countRows('tasks');
    const rejection = await rejectionOf(
      tasks.createTask(newTenant(), { title: ' ', priority: 9, accountId: 'acme' }),
    );
    expect(rejection.fields.map((field) => field.field).sort()).toEqual([
      'input.accountId',
      'input.priority',
      'input.title',
    ]);
    expect(await db.countRows('tasks')).toBe(before);
  });

  it('completes a task once, cancels its pending reminders and publishes TaskCompleted', async () => {
    const rep = newTenant();
    const task = await tasks.createTask(rep, { title: 'Call back', remindAt: [minutesFromNow(-1)] });
    const done = await tasks.completeTask(rep, task.id);
    expect(done).toMatchObject({ status: 'DONE', completedAt: expect.any(Date), version: 2 });
    const [reminder] = (await tasks.remindersByTask(rep.tenantId, [task.id]))[0] ?? [];
    expect(reminder?.cancelledAt).toEqual(expect.any(Date));
    expect((await outboxRowsAbout(db, task.id)).map((row) => row.envelope.type)).toEqual([
      'crm.interactions.TaskCompleted.v1',
    ]);
    expect((await rejectionOf(tasks.completeTask(rep, task.id))).code).toBe('CONFLICT');
  });
});

describe('reminder scheduler', () => {
  it('fires each due reminder exactly once with two schedulers racing: one notification and one ReminderDue each', async () => {
    const reminderCount = 40;
    const team = newTenant();
    const reps = [colleague(team), colleague(team)];
    const taskIds: string[] = [];
    for (let index = 0; index < reminderCount / 2; index += 1) {
      const task = await tasks.createTask(reps[index % 2] as Caller, {
        title: `Follow up ${index}`,
        assigneeId: (reps[index % 2] as Caller).userId,
        remindAt: [minutesFromNow(-10), minutesFromNow(-5)],
      });
      taskIds.push(task.id);
    }
    await tasks.createTask(team, { title: 'Not yet', remindAt: [minutesFromNow(60)] });
    const dueBefore = (await db.ownerQuery<{ id: string }>(`SELECT "id" FROM "outbox"`)).length;

    const [firedByA, firedByB] = await Promise.all([
      scheduler().fireDueReminders(),
      scheduler().fireDueReminders(),
    ]);

    expect(firedByA + firedByB).toBe(reminderCount);
    const fired = await db.ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS count FROM "reminders" WHERE "tenant_id" = $1 AND "fired_at" IS NOT NULL`,
      [team.tenantId],
    );
    expect(fired[0]?.count).toBe(reminderCount);
    const due = await outboxRowsOfType(db, 'crm.interactions.ReminderDue.v1');
    const dueOfTeam = due.filter((row) => row.envelope.tenantid === team.tenantId);
    expect(dueOfTeam).toHaveLength(reminderCount);
    expect(new Set(dueOfTeam.map((row) => row.envelope.data.reminderId)).size).toBe(reminderCount);
    expect((await db.ownerQuery(`SELECT "id" FROM "outbox"`)).length).toBe(dueBefore + reminderCount);
    const inbox = await Promise.all(reps.map((rep) => notifications.notifications(rep, true)));
    expect(inbox.map((list) => list.length)).toEqual([reminderCount / 2, reminderCount / 2]);
    expect(inbox[0]?.[0]).toMatchObject({
      kind: 'TASK_REMINDER',
      message: expect.stringMatching(/^Reminder: "Follow up/),
    });

    // Nothing left: another pass fires nothing.
    expect(await scheduler().fireDueReminders()).toBe(0);
  });

  it('fires no reminder of a task on an archived account', async () => {
    const rep = newTenant();
    const accountId = uuidv7();
    const task = await tasks.createTask(rep, { title: 'Chase', accountId, remindAt: [minutesFromNow(-1)] });
    await db.ownerQuery(
      `INSERT INTO "account_profiles" ("tenant_id", "account_id", "display_name", "emails", "phones", "archived", "source_version")
       VALUES ($1, $2, 'Gone Ltd', '{}', '{}', true, 2)`,
      [rep.tenantId, accountId],
    );
    await scheduler().fireDueReminders();
    const [reminder] = (await tasks.remindersByTask(rep.tenantId, [task.id]))[0] ?? [];
    expect(reminder).toMatchObject({ firedAt: null, cancelledAt: expect.any(Date) });
    expect(await notifications.notifications(rep, false)).toEqual([]);
    const refused = await rejectionOf(
      tasks.createTask(rep, { title: 'Again', accountId, remindAt: [minutesFromNow(10)] }),
    );
    expect(refused.fields).toEqual([
      { field: 'input.remindAt', message: 'the account is archived: no new reminders' },
    ]);
  });
});

describe('notifications', () => {
  it("marks the caller's own notifications read, and not a colleague's", async () => {
    const rep = newTenant();
    const other = colleague(rep);
    await tasks.createTask(rep, { title: 'Mine', remindAt: [minutesFromNow(-1)] });
    await tasks.createTask(other, { title: 'Theirs', remindAt: [minutesFromNow(-1)] });
    await scheduler().fireDueReminders();
    const [mine] = await notifications.notifications(rep, true);
    const [theirs] = await notifications.notifications(other, true);

    expect(await notifications.markRead(rep, [mine?.id as string, theirs?.id as string])).toBe(1);
    expect(await notifications.notifications(rep, true)).toEqual([]);
    expect(await notifications.notifications(rep, false)).toEqual([
      expect.objectContaining({ id: mine?.id, readAt: expect.any(Date) }),
    ]);
    expect(await notifications.notifications(other, true)).toHaveLength(1);
    expect(await notifications.markRead(rep, [mine?.id as string])).toBe(0); // already read
  });
});
