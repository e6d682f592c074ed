import type { Caller } from '@crm/subgraph';
import type { PipelineServices } from '../src/services';
import { newTenantCaller, sameTenant, testServices } from './support/pipeline-fixtures';
import { startPipelineTestServer, type PipelineTestServer } from './support/pipeline-server';
import { createPipelineTestDatabase, type PipelineTestDatabase } from './support/pipeline-test-database';

let db: PipelineTestDatabase;
let server: PipelineTestServer;
let services: PipelineServices;
let rep: Caller;
let token: string;

beforeAll(async () => {
  db = await createPipelineTestDatabase();
  services = testServices(db.database);
  server = await startPipelineTestServer(db);
  rep = newTenantCaller('SALES_REP');
  token = await server.tokenFor(rep);
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

/** Accounts with `dealsEach` opportunities, each moved once, with a committee member and a quote. */
async function accountsWithDeals(accounts: number, dealsEach: number): Promise<string[]> {
  const accountIds: string[] = [];
  for (let a = 0; a < accounts; a += 1) {
    const accountId = crypto.randomUUID();
    accountIds.push(accountId);
    for (let d = 0; d < dealsEach; d += 1) {
      const deal = await services.opportunities.createOpportunity(rep, { name: `Deal ${a}.${d}`, accountId });
      const [stages] = await services.pipelines.stagesOfPipelines(rep.tenantId, [deal.pipelineId]);
      await services.opportunities.moveOpportunity(rep, deal.id, stages?.[1]?.id as string, null, null);
      await services.opportunities.setContactRole(rep, deal.id, crypto.randomUUID(), 'Buyer', true);
      await services.quotes.createQuote(rep, {
        opportunityId: deal.id,
        lineItems: [{ description: 'Service', quantity: 2, unitPriceMinor: '1500' }],
      });
    }
  }
  return accountIds;
}

const ACCOUNT_OPPORTUNITIES = `
  query Accounts($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Account {
        id
        opportunities(first: 10) {
          id name version amount { amountMinor currency } probability weightedAmount { amountMinor }
          stage { name type } pipeline { name stages { name } }
          contactRoles { role isPrimary contact { id } }
          stageHistory { enteredAt exitedAt stage { name } }
          lineItems { total { amountMinor } }
          quotes { number status total { amountMinor } lineItems { description total { amountMinor } } }
        }
      }
    }
  }`;

async function statementsFor(accountIds: string[]): Promise<{ statements: number; opportunities: number }> {
  const before = db.sqlStatements.statements;
  const result = await server.request<{ _entities: { opportunities: unknown[] }[] }>(
    ACCOUNT_OPPORTUNITIES,
    { representations: accountIds.map((id) => ({ __typename: 'Account', id })) },
    token,
  );
  expect(result.errors).toBeUndefined();
  const opportunities =
    result.data?._entities.reduce((sum, account) => sum + account.opportunities.length, 0) ?? 0;
  return { statements: db.sqlStatements.statements - before, opportunities };
}

describe('pipeline over GraphQL', () => {
  it('resolves accounts’ opportunities with stage, committee, history and quotes in a number of SQL statements that does not grow with the rows', async () => {
    const few = await statementsFor(await accountsWithDeals(1, 1));
    const many = await statementsFor(await accountsWithDeals(4, 3));

    expect(few.opportunities).toBe(1);
    expect(many.opportunities).toBe(12);
    expect(many.statements).toBe(few.statements);
  });

  it('answers the contract shape for one account', async () => {
    const [accountId] = await accountsWithDeals(1, 1);
    const result = await server.request<{ _entities: Record<string, unknown>[] }>(
      ACCOUNT_OPPORTUNITIES,
      { representations: [{ __typename: 'Account', id: accountId }] },
      token,
    );
    expect(result.data?._entities[0]).toMatchObject({
      opportunities: [
        {
          amount: { amountMinor: '0', currency: 'IRR' },
          probability: 20,
          stage: { name: 'Needs analysis', type: 'OPEN' },
          pipeline: { name: 'B2B sales' },
          contactRoles: [{ role: 'Buyer', isPrimary: true }],
          stageHistory: [
            { stage: { name: 'Qualification' } },
            { stage: { name: 'Needs analysis' }, exitedAt: null },
          ],
          quotes: [
            { status: 'DRAFT', total: { amountMinor: '3000' }, lineItems: [{ description: 'Service' }] },
          ],
        },
      ],
    });
  });

  it('shows the board: open stages with counts, sums and the newest deals', async () => {
    const [pipeline] = await services.pipelines.listPipelines(rep, 'B2B');
    const result = await server.request<{ opportunityBoard: { stage: { name: string }; count: number }[] }>(
      `query Board($id: ID!) { opportunityBoard(pipelineId: $id, perStage: 2) {
         stage { name } count amountTotals { amountMinor currency } opportunities { id }
       } }`,
      { id: pipeline?.id },
      token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.opportunityBoard.map((column) => column.stage.name)).toEqual([
      'Qualification',
      'Needs analysis',
      'Proposal',
      'Negotiation',
    ]);
    expect(result.data?.opportunityBoard[1]).toMatchObject({ count: 14, opportunities: [{}, {}] });
  });

  it('refuses writes to roles that only read, and names fields of bad input', async () => {
    const analyst = await server.tokenFor(sameTenant(rep, 'ANALYST'));
    const createLead = `mutation { createLead(input: { source: WEB, salesModel: B2C, firstName: "Ali" }) { id } }`;
    const forbidden = await server.request(createLead, {}, analyst);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const bad = await server.request(
      `mutation { createOpportunity(input: { name: "X", accountId: "nope", amountMinor: "-1", currency: "ABC" }) { id } }`,
      {},
      token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.accountId', message: expect.any(String) },
        { field: 'input.amountMinor', message: expect.any(String) },
        { field: 'input.currency', message: expect.any(String) },
      ],
    });
  });

  it('exports everything it holds about an account as JSON, by reference', async () => {
    const lead = await services.leads.createLead(rep, {
      source: 'WEB',
      salesModel: 'B2C',
      firstName: 'Sara',
      email: 'sara@example.com',
    });
    const deal = await services.leads.convertLead(rep, { leadId: lead.id });
    const result = await server.request<{ _entities: { pipeline: Record<string, unknown[]> }[] }>(
      `query Export($representations: [_Any!]!) { _entities(representations: $representations) { ... on CustomerDataExport { accountId pipeline } } }`,
      { representations: [{ __typename: 'CustomerDataExport', accountId: deal.accountId }] },
      token,
    );
    const exported = result.data?._entities[0]?.pipeline;
    expect(exported?.['leads']).toEqual([
      expect.objectContaining({ id: lead.id, email: 'sara@example.com' }),
    ]);
    expect(exported?.['opportunities']).toEqual([expect.objectContaining({ id: deal.id })]);
    expect(exported?.['contactRoles']).toHaveLength(1);
    expect(exported?.['stageHistory']).toHaveLength(1);
  });
});
