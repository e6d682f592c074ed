import {
  createCompanyWithContacts,
  createTestTopics,
  dataOf,
  eventually,
  postGraphQL,
  signUpTenant,
  startGatewayProcess,
  startSubgraphProcess,
  uniqueKafkaName,
  type GraphQLResult,
  type ServiceProcess,
  type SignedUpTenant,
  type SubgraphUnderTest,
} from '@crm/testing';

interface AccountWithInteractions {
  account: {
    displayName: string;
    lastInteractionAt: string | null;
    activities: {
      totalCount: number;
      edges: { node: { type: string; subject: string; status: string; owner: { id: string } } }[];
    };
    timeline: { edges: { node: { kind: string; summary: string; activity: { id: string } | null } }[] };
    tasks: { title: string; isOverdue: boolean }[];
  };
}

/**
 * accounts and interactions as separate processes behind the gateway: one query shows an account
 * from accounts with its activities, timeline and tasks from interactions.
 */
describe('gateway + accounts + interactions, end to end', () => {
  let accounts: SubgraphUnderTest;
  let interactions: SubgraphUnderTest;
  let gateway: ServiceProcess;
  let tenant: SignedUpTenant;
  let accountId: string;

  function call(
    query: string,
    variables: Record<string, unknown> = {},
    token = tenant.token,
  ): Promise<GraphQLResult> {
    return postGraphQL(gateway.graphqlUrl, query, { token, variables });
  }

  beforeAll(async () => {
    const prefix = `${uniqueKafkaName('interactions-e2e')}.`;
    await createTestTopics(
      ['accounts', 'pipeline', 'orders', 'marketing', 'interactions'].flatMap((service) => [
        `${prefix}crm.${service}.events`,
        `${prefix}crm.${service}.events.dlq`,
      ]),
    );
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'interactions-e2e-secret-0123456789abcdefgh',
      KAFKA_TOPIC_PREFIX: prefix,
      SCHEDULER_INTERVAL_MS: '200',
    };
    [accounts, interactions] = await Promise.all([
      startSubgraphProcess('accounts', env),
      startSubgraphProcess('interactions', env),
    ]);
    gateway = await startGatewayProcess([accounts, interactions], env);
    tenant = await signUpTenant(gateway.graphqlUrl, 'Interactions E2E Trading');
    accountId = await createCompanyWithContacts(gateway.graphqlUrl, tenant.token, 'Pars Steel Co', 1);
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([accounts?.stop(), interactions?.stop()]);
  });

  it('logs a call and plans a meeting, then shows the account with its activities and timeline in one request', async () => {
    const log = (input: Record<string, unknown>) =>
      call(`mutation ($input: LogActivityInput!) { logActivity(input: $input) { id status } }`, {
        input: { accountId, ...input },
      });
    const logged = dataOf(
      await log({
        type: 'CALL',
        channel: 'PHONE',
        direction: 'OUTBOUND',
        subject: 'Pricing questions',
        startsAt: '2026-11-20T09:00:00.000Z',
        outcome: 'Sending a quote',
      }),
      'logActivity',
    );
    expect(logged.logActivity).toMatchObject({ status: 'DONE' });
    const planned = dataOf(
      await log({
        type: 'MEETING',
        channel: 'IN_PERSON',
        subject: 'Site visit',
        startsAt: '2027-01-10T10:00:00.000Z',
        endsAt: '2027-01-10T11:30:00.000Z',
      }),
      'logActivity',
    );
    expect(planned.logActivity).toMatchObject({ status: 'PLANNED' });
    dataOf(
      await call(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { title: 'Send the quote', accountId, dueAt: '2026-11-21T09:00:00.000Z' },
      }),
      'createTask',
    );

    const result = await call(
      `query ($id: ID!) {
        account(id: $id) {
          displayName
          lastInteractionAt
          activities(first: 10) { totalCount edges { node { type subject status owner { id } } } }
          timeline(first: 10) { edges { node { kind summary activity { id } } } }
          tasks(status: OPEN) { title isOverdue }
        }
      }`,
      { id: accountId },
    );

    expect(result.errors).toBeUndefined();
    const { account } = result.data as unknown as AccountWithInteractions;
    expect(account.displayName).toBe('Pars Steel Co');
    expect(account.lastInteractionAt).toBe('2026-11-20T09:00:00.000Z');
    expect(account.activities.totalCount).toBe(2);
    expect(account.activities.edges.map(({ node }) => [node.type, node.subject, node.status])).toEqual([
      ['MEETING', 'Site visit', 'PLANNED'],
      ['CALL', 'Pricing questions', 'DONE'],
    ]);
    expect(account.activities.edges[0]?.node.owner.id).toBe(tenant.userId);
    expect(account.timeline.edges.map(({ node }) => node.summary)).toEqual([
      'Meeting: Site visit',
      'Call: Pricing questions',
    ]);
    expect(account.tasks).toEqual([{ title: 'Send the quote', isOverdue: true }]);
  });

  it("shows the planned meeting on the owner's calendar", async () => {
    const result = await call(
      `{ calendar(from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z") { subject account { id } } }`,
    );
    expect(dataOf(result, 'calendar').calendar).toEqual([
      { subject: 'Site visit', account: { id: accountId } },
    ]);
  });

  it("contributes interactions' records to the customer's data export", async () => {
    const result = await call(
      `query ($id: ID!) { customerDataExport(accountId: $id) { accountId interactions } }`,
      {
        id: accountId,
      },
    );
    const { customerDataExport } = dataOf(result, 'customerDataExport') as {
      customerDataExport: {
        accountId: string;
        interactions: { activities: { subject: string }[]; tasks: unknown[] };
      };
    };
    expect(customerDataExport.accountId).toBe(accountId);
    expect(customerDataExport.interactions.activities.map((activity) => activity.subject)).toEqual([
      'Pricing questions',
      'Site visit',
    ]);
    expect(customerDataExport.interactions.tasks).toHaveLength(1);
  });

  it("learns from accounts' events that an account is archived, and refuses new reminders on it", async () => {
    dataOf(
      await call(`mutation ($id: ID!) { archiveAccount(id: $id) { id } }`, { id: accountId }),
      'archiveAccount',
    );
    const refusal = await eventually(
      'interactions to learn of the archive',
      () =>
        call(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
          input: { title: 'Chase', accountId, remindAt: ['2030-01-01T00:00:00Z'] },
        }),
      (answer) => answer.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT',
      { timeoutMs: 60_000 },
    );
    expect(refusal.errors?.[0]?.message).toMatch(/archived/);
  });
});
