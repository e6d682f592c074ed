import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@crm/subgraph';
import { ActivityService } from '../src/activity/activity.service';
import { TaskService } from '../src/task/task.service';
import { aCall, newTenant } from './support/interactions-fixtures';
import { startInteractionsTestServer, type InteractionsTestServer } from './support/interactions-server';
import {
  createInteractionsTestDatabase,
  type InteractionsTestDatabase,
} from './support/interactions-test-database';

let db: InteractionsTestDatabase;
let server: InteractionsTestServer;
let rep: Caller;
const accountIds: string[] = [];
const contactId = uuidv7();

const ACCOUNT_FIELDS = `
  query Accounts($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Account {
        id
        lastInteractionAt
        activities(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id subject contacts { id } } } }
        timeline(first: 3) { edges { node { kind summary activity { id type } } } }
        tasks(status: OPEN) { id title isOverdue reminders { remindAt firedAt } }
      }
    }
  }`;

interface AccountsAnswer {
  _entities: {
    id: string;
    lastInteractionAt: string | null;
    activities: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { id: string; subject: string } }[];
    };
    timeline: { edges: { node: { kind: string; summary: string; activity: { id: string } | null } }[] };
    tasks: { title: string; isOverdue: boolean; reminders: unknown[] }[];
  }[];
}

beforeAll(async () => {
  db = await createInteractionsTestDatabase();
  server = await startInteractionsTestServer(db);
  rep = newTenant();
  const activities = new ActivityService(db.database);
  const tasks = new TaskService(db.database);
  for (let index = 0; index < 20; index += 1) {
    const accountId = uuidv7();
    accountIds.push(accountId);
    for (let day = 1; day <= 3; day += 1) {
      await activities.logActivity(
        rep,
        aCall({
          accountId,
          subject: `call ${index}.${day}`,
          startsAt: new Date(Date.UTC(2026, 9, day, 9)),
          contactIds: [contactId],
        }),
      );
    }
    await tasks.createTask(rep, {
      title: `task ${index}`,
      accountId,
      dueAt: new Date(Date.UTC(2026, 0, 1)),
      remindAt: [new Date()],
    });
  }
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

async function statementsFor(count: number): Promise<{ statements: number; answer: AccountsAnswer }> {
  const representations = accountIds.slice(0, count).map((id) => ({ __typename: 'Account', id }));
  const before = db.sqlStatements.statements;
  const result = await server.request<AccountsAnswer>(ACCOUNT_FIELDS, { representations }, rep);
  expect(result.errors).toBeUndefined();
  return { statements: db.sqlStatements.statements - before, answer: result.data as AccountsAnswer };
}

describe('interactions fields on federated entities', () => {
  it("resolves each account's activities, timeline, tasks and last interaction", async () => {
    const { answer } = await statementsFor(2);
    const [first] = answer._entities;
    expect(first?.activities.totalCount).toBe(3);
    expect(first?.activities.edges.map((edge) => edge.node.subject)).toEqual(['call 0.3', 'call 0.2']);
    expect(first?.activities.pageInfo.hasNextPage).toBe(true);
    expect(first?.timeline.edges.map((edge) => edge.node.summary)).toEqual([
      'Call: call 0.3',
      'Call: call 0.2',
      'Call: call 0.1',
    ]);
    expect(first?.lastInteractionAt).toBe(new Date(Date.UTC(2026, 9, 3, 9)).toISOString());
    expect(first?.tasks).toEqual([
      { id: expect.any(String), title: 'task 0', isOverdue: true, reminders: [expect.any(Object)] },
    ]);
  });

  it('pages on from a cursor', async () => {
    const { answer } = await statementsFor(1);
    const cursor = answer._entities[0]?.activities.pageInfo.endCursor;
    const result = await server.request<AccountsAnswer>(
      `query($representations: [_Any!]!, $after: String) { _entities(representations: $representations) {
        ... on Account { activities(first: 2, after: $after) { pageInfo { hasNextPage } edges { node { subject } } } } } }`,
      { representations: [{ __typename: 'Account', id: accountIds[0] }], after: cursor },
      rep,
    );
    expect(result.data?._entities[0]?.activities).toEqual({
      pageInfo: { hasNextPage: false },
      edges: [{ node: { subject: 'call 0.1' } }],
    });
  });

  it('filters activities by type', async () => {
    const result = await server.request<{
      _entities: { calls: { totalCount: number }; meetings: { totalCount: number } }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account {
        calls: activities(types: [CALL, EMAIL]) { totalCount }
        meetings: activities(types: [MEETING]) { totalCount } } } }`,
      { r: [{ __typename: 'Account', id: accountIds[0] }] },
      rep,
    );
    expect(result.data?._entities[0]).toEqual({ calls: { totalCount: 3 }, meetings: { totalCount: 0 } });
  });

  it('sends the same number of SQL statements for a page of 10 accounts as for 20', async () => {
    const ten = await statementsFor(10);
    const twenty = await statementsFor(20);
    expect(twenty.answer._entities).toHaveLength(20);
    expect(twenty.statements).toBe(ten.statements);
  });

  it("resolves a contact's activities", async () => {
    const result = await server.request<{ _entities: { activities: { totalCount: number } }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { activities(first: 1) { totalCount } } } }`,
      { r: [{ __typename: 'Contact', id: contactId }] },
      rep,
    );
    expect(result.data?._entities[0]?.activities.totalCount).toBe(60);
  });

  it('reports bad input on its field through GraphQL, and a FORBIDDEN role', async () => {
    const result = await server.request(
      `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`,
      {
        input: {
          type: 'EMAIL',
          channel: 'PHONE',
          subject: 'x',
          startsAt: '2026-11-20T10:00:00Z',
          endsAt: '2026-11-20T09:00:00Z',
        },
      },
      rep,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        expect.objectContaining({ field: 'input.channel' }),
        expect.objectContaining({ field: 'input.endsAt' }),
      ],
    });
    const analyst: Caller = { ...rep, roles: ['ANALYST'] };
    const denied = await server.request(
      `mutation { setCustomerNotificationSettings(channel: SMS, locale: "fa") { channel } }`,
      {},
      analyst,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an ADMIN choose SMS in Persian, and refuses an unknown locale', async () => {
    const admin: Caller = { ...rep, roles: ['ADMIN'] };
    const before = await server.request<{ customerNotificationSettings: unknown }>(
      `{ customerNotificationSettings { channel locale fromAddress } }`,
      {},
      admin,
    );
    expect(before.data?.customerNotificationSettings).toEqual({
      channel: 'EMAIL',
      locale: 'en',
      fromAddress: null,
    });
    const set = await server.request(
      `mutation { setCustomerNotificationSettings(channel: SMS, locale: "fa", fromAddress: "Shop@Example.com") { channel locale fromAddress } }`,
      {},
      admin,
    );
    expect(set.data).toEqual({
      setCustomerNotificationSettings: { channel: 'SMS', locale: 'fa', fromAddress: 'shop@example.com' },
    });
    const bad = await server.request(
      `mutation { setCustomerNotificationSettings(channel: SMS, locale: "de") { channel } }`,
      {},
      admin,
    );
    expect(bad.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'locale', message: 'must be one of en, fa' },
    ]);
  });
});
