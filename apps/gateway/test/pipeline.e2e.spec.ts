import {
  createCompanyWithContacts,
  dataOf,
  eventually,
  postGraphQL,
  signUpTenant,
  startGatewayProcess,
  startSubgraphProcess,
  uniqueKafkaName,
  type ServiceProcess,
  type SignedUpTenant,
  type SubgraphUnderTest,
} from '@crm/testing';

/** One account with its contacts (accounts) and its deals, their stages, committee and quotes (pipeline). */
const ACCOUNT_WITH_DEALS = `
  query AccountWithDeals($id: ID!) {
    account(id: $id) {
      id displayName salesModel
      contacts(first: 10) { totalCount edges { node { id firstName } } }
      opportunities(first: 10) {
        id name version
        amount { amountMinor currency }
        stage { name type probability }
        stageHistory { stage { name } enteredAt exitedAt }
        contactRoles { role isPrimary contact { id firstName lastName } }
        quotes { number status subtotal { amountMinor } tax { amountMinor } total { amountMinor currency } }
      }
    }
  }`;

interface AccountWithDeals {
  account: {
    id: string;
    displayName: string;
    contacts: { totalCount: number; edges: { node: { id: string; firstName: string } }[] };
    opportunities: Record<string, unknown>[];
  } | null;
}

describe('gateway + accounts + pipeline, end to end, as separate processes over real HTTP and Kafka', () => {
  let accounts: SubgraphUnderTest;
  let pipeline: SubgraphUnderTest;
  let gateway: ServiceProcess;
  let gatewayUrl: string;
  let tenantA: SignedUpTenant;
  let tenantB: SignedUpTenant;

  async function call(token: string, query: string, variables: Record<string, unknown> = {}) {
    return postGraphQL(gatewayUrl, query, { token, variables });
  }

  async function mutate<T>(
    token: string,
    operation: string,
    query: string,
    variables: Record<string, unknown>,
  ) {
    return dataOf(await call(token, query, variables), operation)[operation] as T;
  }

  beforeAll(async () => {
    // All processes of this test share one fresh topic prefix: parallel test files never meet.
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'gateway-e2e-secret-0123456789abcdefghij',
      KAFKA_TOPIC_PREFIX: `${uniqueKafkaName('pipeline-e2e')}.`,
    };
    [accounts, pipeline] = await Promise.all([
      startSubgraphProcess('accounts', env),
      startSubgraphProcess('pipeline', env),
    ]);
    gateway = await startGatewayProcess([accounts, pipeline], env);
    gatewayUrl = gateway.graphqlUrl;
    tenantA = await signUpTenant(gatewayUrl, 'Pipeline Tenant A');
    tenantB = await signUpTenant(gatewayUrl, 'Pipeline Tenant B');
  });

  afterAll(async () => {
    await gateway?.stop();
    await pipeline?.stop();
    await accounts?.stop();
  });

  it('returns an account with its contacts and its opportunities, stages, buying committee and quotes in one query', async () => {
    const accountId = await createCompanyWithContacts(gatewayUrl, tenantA.token, 'Pars Steel Co', 2);
    const before = dataOf(
      await call(tenantA.token, ACCOUNT_WITH_DEALS, { id: accountId }),
      'account',
    ) as unknown as AccountWithDeals;
    const [buyer] = before.account?.contacts.edges ?? [];

    const deal = await mutate<{
      id: string;
      version: number;
      pipeline: { stages: { id: string; name: string }[] };
    }>(
      tenantA.token,
      'createOpportunity',
      `mutation Create($input: CreateOpportunityInput!) {
         createOpportunity(input: $input) { id version pipeline { stages { id name } } }
       }`,
      { input: { name: 'Steel beams 2027', accountId, amountMinor: '250000000', currency: 'IRR' } },
    );
    const proposal = deal.pipeline.stages.find((stage) => stage.name === 'Proposal');
    await mutate(
      tenantA.token,
      'moveOpportunity',
      `mutation Move($id: ID!, $stageId: ID!, $v: Int) {
        moveOpportunity(id: $id, stageId: $stageId, expectedVersion: $v) { id } }`,
      {
        id: deal.id,
        stageId: proposal?.id,
        v: deal.version,
      },
    );
    await mutate(
      tenantA.token,
      'setOpportunityContactRole',
      `mutation Role($id: ID!, $contactId: ID!) {
        setOpportunityContactRole(opportunityId: $id, contactId: $contactId, role: "Decision maker", isPrimary: true) { id } }`,
      {
        id: deal.id,
        contactId: buyer?.node.id,
      },
    );
    const quote = await mutate<{ id: string }>(
      tenantA.token,
      'createQuote',
      `mutation Quote($input: CreateQuoteInput!) {
        createQuote(input: $input) { id } }`,
      {
        input: {
          opportunityId: deal.id,
          lineItems: [
            { description: 'Beam IPE 180', quantity: 4, unitPriceMinor: '62500000', discountPercent: 10 },
          ],
        },
      },
    );
    await mutate(tenantA.token, 'sendQuote', `mutation Send($id: ID!) { sendQuote(id: $id) { id } }`, {
      id: quote.id,
    });

    const result = await call(tenantA.token, ACCOUNT_WITH_DEALS, { id: accountId });

    expect(result.errors).toBeUndefined();
    const { account } = result.data as unknown as AccountWithDeals;
    expect(account).toMatchObject({ displayName: 'Pars Steel Co', contacts: { totalCount: 2 } });
    expect(account?.opportunities).toEqual([
      expect.objectContaining({
        name: 'Steel beams 2027',
        amount: { amountMinor: '250000000', currency: 'IRR' },
        stage: { name: 'Proposal', type: 'OPEN', probability: 50 },
        stageHistory: [
          expect.objectContaining({ stage: { name: 'Qualification' } }),
          expect.objectContaining({ stage: { name: 'Proposal' }, exitedAt: null }),
        ],
        contactRoles: [
          {
            role: 'Decision maker',
            isPrimary: true,
            contact: { id: buyer?.node.id, firstName: buyer?.node.firstName, lastName: 'ParsSteelCo' },
          },
        ],
        quotes: [
          {
            number: 'Q-000001',
            status: 'SENT',
            subtotal: { amountMinor: '250000000' },
            tax: { amountMinor: '0' },
            total: { amountMinor: '225000000', currency: 'IRR' },
          },
        ],
      }),
    ]);

    const seenByB = await call(
      tenantB.token,
      `query Others($id: ID!, $quoteId: ID!) { opportunity(id: $id) { id } quote(id: $quoteId) { id } }`,
      { id: deal.id, quoteId: quote.id },
    );
    expect(seenByB.data).toEqual({ opportunity: null, quote: null });
  });

  it('refuses a stale move through the gateway with CONFLICT', async () => {
    const accountId = await createCompanyWithContacts(gatewayUrl, tenantA.token, 'Caspian Foods', 0);
    const deal = await mutate<{ id: string; pipeline: { stages: { id: string }[] } }>(
      tenantA.token,
      'createOpportunity',
      `mutation Create($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id pipeline { stages { id } } } }`,
      { input: { name: 'Pantry supply', accountId } },
    );
    const move = (stageId: string | undefined) =>
      call(
        tenantA.token,
        `mutation Move($id: ID!, $stageId: ID!) { moveOpportunity(id: $id, stageId: $stageId, expectedVersion: 1) { version } }`,
        {
          id: deal.id,
          stageId,
        },
      );

    expect((await move(deal.pipeline.stages[1]?.id)).errors).toBeUndefined();
    expect((await move(deal.pipeline.stages[2]?.id)).errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });

  it('converts a lead: accounts creates the account and contact with the ids pipeline announced', async () => {
    const lead = await mutate<{ id: string }>(
      tenantA.token,
      'createLead',
      `mutation Lead($input: CreateLeadInput!) {
        createLead(input: $input) { id } }`,
      {
        input: {
          source: 'EVENT',
          salesModel: 'B2B',
          companyName: 'Kish Shipping',
          firstName: 'Maryam',
          lastName: 'Rahimi',
          email: 'maryam@kish-shipping.example',
          customFields: { fair: 'Iran Expo 2026' },
        },
      },
    );
    const converted = await mutate<{ id: string; account: { id: string } }>(
      tenantA.token,
      'convertLead',
      `mutation Convert($leadId: ID!) { convertLead(input: { leadId: $leadId }) { id account { id } } }`,
      { leadId: lead.id },
    );

    const result = await eventually(
      'the converted account to appear in accounts',
      async () => {
        const response = await call(tenantA.token, ACCOUNT_WITH_DEALS, { id: converted.account.id });
        return response.data as unknown as AccountWithDeals | undefined;
      },
      (data) => (data?.account?.contacts.totalCount ?? 0) > 0,
      { timeoutMs: 90_000, intervalMs: 250 },
    );

    expect(result?.account).toMatchObject({
      id: converted.account.id,
      displayName: 'Kish Shipping',
      contacts: { totalCount: 1, edges: [{ node: { firstName: 'Maryam' } }] },
      opportunities: [
        expect.objectContaining({
          id: converted.id,
          contactRoles: [expect.objectContaining({ isPrimary: true })],
        }),
      ],
    });
    const leadAfter = await call(
      tenantA.token,
      `query Lead($id: ID!) { lead(id: $id) { status customFields convertedContact { id } } }`,
      {
        id: lead.id,
      },
    );
    expect(leadAfter.data).toEqual({
      lead: {
        status: 'CONVERTED',
        customFields: { fair: 'Iran Expo 2026' },
        convertedContact: { id: result?.account?.contacts.edges[0]?.node.id },
      },
    });
  });

  it('contributes its part to the customer data export accounts serves', async () => {
    const accountId = await createCompanyWithContacts(gatewayUrl, tenantA.token, 'Tabriz Carpets', 0);
    await mutate(
      tenantA.token,
      'createOpportunity',
      `mutation Create($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      {
        input: { name: 'Showroom carpets', accountId },
      },
    );

    const result = await call(
      tenantA.token,
      `query Export($id: ID!) { customerDataExport(accountId: $id) { accountId pipeline } }`,
      {
        id: accountId,
      },
    );

    expect(result.errors).toBeUndefined();
    const exported = (
      result.data?.['customerDataExport'] as { pipeline: { opportunities: { name: string }[] } }
    ).pipeline;
    expect(exported.opportunities.map((opportunity) => opportunity.name)).toEqual(['Showroom carpets']);
  });
});
