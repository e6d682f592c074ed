import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import { ActivityService } from '../src/activity/activity.service';
import { aCall, colleague, newTenant, outboxRowsAbout } from './support/interactions-fixtures';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';

let db: InteractionsTestDatabase;
let activities: ActivityService;
let rep: Caller;

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  activities = new ActivityService(db.database);
  rep = newTenant();
});

afterAll(() => db.close());

describe('logging activities', () => {
  it('stores a call with its links, puts it on the account timeline and publishes ActivityLogged without its text', async () => {
    const accountId = uuidv7();
    const contactIds = [uuidv7(), uuidv7()];
    const call = await activities.logActivity(
      rep,
      aCall({ accountId, contactIds, body: 'Asked about pricing', outcome: 'Interested' }),
    );

    expect(call).toMatchObject({
      type: 'CALL',
      channel: 'PHONE',
      status: 'DONE', // it started in the past
      ownerId: rep.userId,
      accountId,
      contactIds,
      version: 1,
    });
    const [entry] = await db.ownerQuery<{ kind: string; summary: string; activity_id: string }>(
      `SELECT "kind", "summary", "activity_id" FROM "timeline_entries" WHERE "account_id" = $1`,
      [accountId],
    );
    expect(entry).toEqual({ kind: 'CALL', summary: 'Call: Discovery call', activity_id: call.id });
    const [row] = await outboxRowsAbout(db, call.id);
    expect(row?.topic).toBe('crm.interactions.events');
    expect(row?.envelope).toMatchObject({
      type: 'crm.interactions.ActivityLogged.v1',
      tenantid: rep.tenantId,
      actorid: rep.userId,
      data: { activityId: call.id, type: 'CALL', accountId, contactIds, status: 'DONE' },
    });
    expect(JSON.stringify(row?.envelope)).not.toMatch(/Discovery|pricing|Interested/);
  });

  it('plans a meeting that starts in the future', async () => {
    const meeting = await activities.logActivity(
      rep,
      aCall({
        type: 'MEETING',
        channel: 'IN_PERSON',
        startsAt: new Date(Date.now() + 86_400_000),
        endsAt: null,
      }),
    );
    expect(meeting.status).toBe('PLANNED');
  });

  it('refuses an end before its start, a call by email, a blank subject and a bad contact id, writing nothing', async () => {
    const before = await db.countRows('activities');
    const outboxBefore = await db.countRows('outbox');
    const rejection = await rejectionOf(
      activities.logActivity(
        rep,
        aCall({
          channel: 'EMAIL',
          subject: '  ',
          endsAt: new Date('2026-11-20T08:00:00.000Z'),
          contactIds: [uuidv7(), 'bob'],
        }),
      ),
    );
    expect(rejection.code).toBe('BAD_USER_INPUT');
    expect(rejection.fields.map((field) => field.field).sort()).toEqual([
      'input.channel',
      'input.contactIds[1]',
      'input.endsAt',
      'input.subject',
    ]);
    expect(await db.countRows('activities')).toBe(before);
    expect(await db.countRows('outbox')).toBe(outboxBefore);
  });
});

describe('rescheduling and completing', () => {
  it('moves a planned meeting keeping its length, moves its timeline entry and publishes ActivityRescheduled', async () => {
    const start = new Date(Date.now() + 2 * 86_400_000);
    const meeting = await activities.logActivity(
      rep,
      aCall({
        type: 'MEETING',
        channel: 'VIDEO',
        startsAt: start,
        endsAt: new Date(start.getTime() + 3_600_000),
      }),
    );
    const later = new Date(start.getTime() + 86_400_000);

    const moved = await activities.rescheduleActivity(rep, {
      id: meeting.id,
      startsAt: later,
      expectedVersion: 1,
    });

    expect(moved).toMatchObject({
      startsAt: later,
      endsAt: new Date(later.getTime() + 3_600_000),
      version: 2,
    });
    const [entry] = await db.ownerQuery<{ at: Date }>(
      `SELECT "at" FROM "timeline_entries" WHERE "activity_id" = $1`,
      [meeting.id],
    );
    expect(entry?.at).toEqual(later);
    const rows = await outboxRowsAbout(db, meeting.id);
    expect(rows.map((row) => row.envelope.type)).toEqual([
      'crm.interactions.ActivityLogged.v1',
      'crm.interactions.ActivityRescheduled.v1',
    ]);
    expect(rows[1]?.envelope.data).toMatchObject({
      previousStartsAt: start.toISOString(),
      startsAt: later.toISOString(),
    });
  });

  it('refuses a stale expectedVersion with CONFLICT', async () => {
    const meeting = await activities.logActivity(
      rep,
      aCall({ startsAt: new Date(Date.now() + 86_400_000), endsAt: null }),
    );
    await activities.rescheduleActivity(rep, {
      id: meeting.id,
      startsAt: new Date(Date.now() + 2 * 86_400_000),
    });
    const rejection = await rejectionOf(
      activities.rescheduleActivity(rep, { id: meeting.id, startsAt: new Date(), expectedVersion: 1 }),
    );
    expect(rejection.code).toBe('CONFLICT');
  });

  it('completes a planned call with its outcome once; completing it again is a CONFLICT', async () => {
    const call = await activities.logActivity(
      rep,
      aCall({ startsAt: new Date(Date.now() + 3_600_000), endsAt: null }),
    );
    const done = await activities.completeActivity(rep, { id: call.id, outcome: 'Booked a demo' });
    expect(done).toMatchObject({ status: 'DONE', outcome: 'Booked a demo', completedAt: expect.any(Date) });
    expect((await outboxRowsAbout(db, call.id)).map((row) => row.envelope.type)).toContain(
      'crm.interactions.ActivityCompleted.v1',
    );
    expect((await rejectionOf(activities.completeActivity(rep, { id: call.id }))).code).toBe('CONFLICT');
  });

  it("answers NOT_FOUND for another tenant's activity", async () => {
    const call = await activities.logActivity(rep, aCall({ startsAt: new Date(Date.now() + 3_600_000) }));
    const stranger = newTenant();
    expect((await rejectionOf(activities.completeActivity(stranger, { id: call.id }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('calendar', () => {
  const team = newTenant('MANAGER');
  const ana = colleague(team);
  const ben = colleague(team);
  const at = (day: number, hour: number) => new Date(Date.UTC(2027, 0, day, hour));

  beforeAll(async () => {
    await activities.logActivity(
      ana,
      aCall({ type: 'MEETING', channel: 'IN_PERSON', subject: 'ana 1', startsAt: at(5, 9) }),
    );
    await activities.logActivity(ana, aCall({ subject: 'ana 2', startsAt: at(3, 9) }));
    await activities.logActivity(
      ana,
      aCall({ type: 'NOTE', channel: 'WEB', subject: 'a note', startsAt: at(4, 9) }),
    );
    await activities.logActivity(ana, aCall({ subject: 'next month', startsAt: at(40, 9) }));
    const cancelled = await activities.logActivity(
      ana,
      aCall({ subject: 'cancelled', status: 'CANCELLED', startsAt: at(6, 9) }),
    );
    expect(cancelled.status).toBe('CANCELLED');
    await activities.logActivity(ben, aCall({ subject: 'ben 1', startsAt: at(4, 10) }));
  });

  it("returns one owner's planned and done calls and meetings in the window, in start order", async () => {
    const month = await activities.calendar(team.tenantId, at(1, 0), at(32, 0), ana.userId);
    expect(month.map((activity) => activity.subject)).toEqual(['ana 2', 'ana 1']);
  });

  it("returns the whole team's without an owner, and nothing of other tenants", async () => {
    const month = await activities.calendar(team.tenantId, at(1, 0), at(32, 0), null);
    expect(month.map((activity) => activity.subject)).toEqual(['ana 2', 'ben 1', 'ana 1']);
    expect(await activities.calendar(newTenant().tenantId, at(1, 0), at(32, 0), null)).toEqual([]);
  });

  it('refuses a window that ends before it starts or spans more than a quarter', async () => {
    expect((await rejectionOf(activities.calendar(team.tenantId, at(5, 0), at(1, 0), null))).fields).toEqual([
      { field: 'to', message: 'must be after from' },
    ]);
    expect((await rejectionOf(activities.calendar(team.tenantId, at(1, 0), at(200, 0), null))).code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
