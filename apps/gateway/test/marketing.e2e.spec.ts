import { eventsTopic, PUBLISHING_SERVICES } from '@crm/events';
import {
  createPerson,
  createTestTopics,
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
  SmtpSink,
} from '@crm/testing';

/**
 * Marketing end to end: accounts and marketing as separate processes sharing one Kafka prefix,
 * behind the gateway, with a real SMTP server. Marketing learns the customers from accounts'
 * events, a segment over them is sent a campaign, the recipient unsubscribes with the link in the
 * mail, and one query shows an account with its fields from accounts and its consents and
 * campaign messages from marketing.
 */
describe('gateway + accounts + marketing, end to end', () => {
  let accounts: SubgraphUnderTest;
  let marketing: SubgraphUnderTest;
  let gateway: ServiceProcess;
  let smtp: SmtpSink;
  let tenant: SignedUpTenant;
  const people: Record<string, string> = {};

  async function call(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
    return postGraphQL(gateway.graphqlUrl, query, { token: tenant.token, variables });
  }

  async function data(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const result = await call(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data ?? {};
  }

  beforeAll(async () => {
    const prefix = `${uniqueKafkaName('marketing-e2e')}.`;
    await createTestTopics(
      PUBLISHING_SERVICES.flatMap((service) => [
        `${prefix}${eventsTopic(service)}`,
        `${prefix}${eventsTopic(service)}.dlq`,
      ]),
    );
    smtp = await SmtpSink.start();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'marketing-e2e-secret-0123456789abcdefghij',
      KAFKA_TOPIC_PREFIX: prefix,
    };
    [accounts, marketing] = await Promise.all([
      startSubgraphProcess('accounts', env),
      startSubgraphProcess('marketing', {
        ...env,
        MARKETING_LINK_SECRET: 'marketing-e2e-link-secret-0123456789abcdef',
        SMTP_URL: smtp.url,
        MARKETING_SENDER_IDLE_POLL_MS: '100',
      }),
    ]);
    gateway = await startGatewayProcess([accounts, marketing], env);
    tenant = await signUpTenant(gateway.graphqlUrl, 'Caspian Coffee');
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([accounts?.stop(), marketing?.stop()]);
    await smtp?.stop();
  });

  it('projects the customers accounts creates into segmentable profiles', async () => {
    for (const [first, last] of [
      ['Sara', 'Ahmadi'],
      ['Reza', 'Karimi'],
      ['Nima', 'Bahrami'],
    ]) {
      people[first] = await createPerson(gateway.graphqlUrl, tenant.token, first, last);
    }
    await eventually(
      'marketing to see the three persons',
      async () =>
        (await call(`{ previewSegment(rules: {field: "salesModel", op: "eq", value: "B2C"}) }`)).data?.[
          'previewSegment'
        ],
      (count) => count === 3,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  it('sends a campaign to the consenting members and shows it on the account across subgraphs', async () => {
    for (const [name, state] of [
      ['Sara', 'OPTED_IN'],
      ['Reza', 'OPTED_IN'],
      ['Nima', 'OPTED_OUT'],
    ] as const) {
      await data(
        `mutation ($id: ID!, $state: ConsentState!) { setConsent(accountId: $id, channel: EMAIL, state: $state, source: "signup form") }`,
        { id: people[name], state },
      );
    }
    const segment = await data(
      `mutation { createSegment(input: {name: "All B2C", rules: {field: "salesModel", op: "eq", value: "B2C"}}) {
        id memberCount members { id displayName } } }`,
    );
    const created = segment['createSegment'] as {
      id: string;
      memberCount: number;
      members: { displayName: string }[];
    };
    expect(created.memberCount).toBe(3);
    expect(created.members.map((member) => member.displayName).sort()).toEqual([
      'Nima Bahrami',
      'Reza Karimi',
      'Sara Ahmadi',
    ]);

    const campaign = await data(
      `mutation ($segmentId: ID!) { createCampaign(input: {name: "Spring", channel: EMAIL, segmentId: $segmentId,
        subject: "Hi {{firstName}}", body: "Dear {{firstName}}, spring beans: https://shop.example/spring"}) { id status } }`,
      { segmentId: created.id },
    );
    const campaignId = (campaign['createCampaign'] as { id: string }).id;
    await data(`mutation ($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId });
    const sent = await eventually(
      'the campaign sent',
      async () =>
        (
          await call(
            `query ($id: ID!) { campaign(id: $id) { status stats { targeted skippedNoConsent sent } } }`,
            { id: campaignId },
          )
        ).data?.['campaign'] as { status: string; stats: Record<string, number> },
      (current) => current?.status === 'SENT',
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(sent.stats).toEqual({ targeted: 3, skippedNoConsent: 1, sent: 2 });
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual(['Hi Reza', 'Hi Sara']);

    const account = await data(
      `query ($id: ID!) { account(id: $id) { displayName consents { channel state source } campaigns { status campaign { name } } } }`,
      { id: people['Sara'] },
    );
    expect(account['account']).toEqual({
      displayName: 'Sara Ahmadi',
      consents: [{ channel: 'EMAIL', state: 'OPTED_IN', source: 'signup form' }],
      campaigns: [{ status: 'SENT', campaign: { name: 'Spring' } }],
    });
  });

  it('unsubscribes with the link in the mail, without logging in', async () => {
    const mail = smtp.received.find((received) => received.subject === 'Hi Sara');
    const link = (mail?.headers.get('list-unsubscribe') ?? '').replace(/^<|>$/g, '');
    const url = new URL(link);
    const oneClick = await fetch(`${marketing.process.origin}${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const account = await data(`query ($id: ID!) { account(id: $id) { consents { state source } } }`, {
      id: people['Sara'],
    });
    expect(account['account']).toEqual({ consents: [{ state: 'OPTED_OUT', source: 'unsubscribe-link' }] });
  });

  it("contributes marketing's part to the customer's data export", async () => {
    const exported = await data(`query ($id: ID!) { customerDataExport(accountId: $id) { marketing } }`, {
      id: people['Reza'],
    });
    expect(
      (exported['customerDataExport'] as { marketing: Record<string, unknown> }).marketing,
    ).toMatchObject({
      profile: expect.objectContaining({ first_name: 'Reza', display_name: 'Reza Karimi' }),
      consents: [expect.objectContaining({ state: 'OPTED_IN' })],
      campaignMessages: [expect.objectContaining({ status: 'SENT', campaign_name: 'Spring' })],
    });
  });
});
