import {
  ACCOUNTS_PAGE_QUERY,
  createCompanyWithContacts,
  createPerson,
  postGraphQL,
  signUpTenant,
  startGatewayProcess,
  startSubgraphProcess,
  waitUntilReady,
  type ServiceProcess,
  type SignedUpTenant,
  type SubgraphUnderTest,
} from '@crm/testing';
import { aliasBomb, nested } from './operation-bombs';

interface AccountsPage {
  accounts: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        kind: string;
        salesModel: string;
        displayName: string;
        contacts: {
          totalCount: number;
          edges: { node: { id: string; firstName: string; isPrimary: boolean } }[];
        };
      };
    }[];
  };
}

describe('gateway + accounts, end to end, as separate processes over real HTTP', () => {
  let accounts: SubgraphUnderTest;
  let gateway: ServiceProcess;
  let gatewayUrl: string;
  let tenantA: SignedUpTenant;
  let tenantB: SignedUpTenant;
  const accountIdsOfA: string[] = [];
  const contactIdsOfA: string[] = [];

  async function accountsPage(token: string, filter?: Record<string, unknown>): Promise<AccountsPage> {
    const result = await postGraphQL(gatewayUrl, ACCOUNTS_PAGE_QUERY, {
      token,
      variables: { first: 20, filter },
    });
    expect(result.errors).toBeUndefined();
    return result.data as unknown as AccountsPage;
  }

  beforeAll(async () => {
    // One secret for the whole platform, as in production: accounts signs, both verify.
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'gateway-e2e-secret-0123456789abcdefghij',
    };
    accounts = await startSubgraphProcess('accounts', env);
    gateway = await startGatewayProcess([accounts], env);
    gatewayUrl = gateway.graphqlUrl;
  });

  afterAll(async () => {
    await gateway?.stop();
    await accounts?.stop();
  });

  it('signs up two tenants through the gateway without a token', async () => {
    tenantA = await signUpTenant(gatewayUrl, 'Tenant A Trading');
    tenantB = await signUpTenant(gatewayUrl, 'Tenant B Retail');

    expect(tenantA.tenantId).not.toBe(tenantB.tenantId);
  });

  it('creates B2B companies with contacts and B2C persons, and lists them with their contacts', async () => {
    accountIdsOfA.push(
      await createCompanyWithContacts(gatewayUrl, tenantA.token, 'Pars Steel Co', 2),
      await createCompanyWithContacts(gatewayUrl, tenantA.token, 'Caspian Foods', 1),
      await createPerson(gatewayUrl, tenantA.token, 'Sara', 'Ahmadi'),
    );
    await createPerson(gatewayUrl, tenantB.token, 'Reza', 'Karimi');

    const page = await accountsPage(tenantA.token);

    expect(page.accounts.totalCount).toBe(3);
    const byName = new Map(page.accounts.edges.map(({ node }) => [node.displayName, node]));
    expect(byName.get('Pars Steel Co')).toMatchObject({
      kind: 'COMPANY',
      salesModel: 'B2B',
      contacts: { totalCount: 2 },
    });
    expect(byName.get('Pars Steel Co')?.contacts.edges.filter(({ node }) => node.isPrimary)).toHaveLength(1);
    expect(byName.get('Caspian Foods')).toMatchObject({
      kind: 'COMPANY',
      salesModel: 'B2B',
      contacts: { totalCount: 1 },
    });
    expect([...byName.values()].find((node) => node.kind === 'PERSON')).toMatchObject({ salesModel: 'B2C' });
    contactIdsOfA.push(
      ...page.accounts.edges.flatMap(({ node }) => node.contacts.edges.map((edge) => edge.node.id)),
    );
  });

  it('filters B2B and B2C apart through the gateway', async () => {
    const b2c = await accountsPage(tenantA.token, { salesModel: 'B2C' });

    expect(b2c.accounts.edges.map(({ node }) => node.kind)).toEqual(['PERSON']);
  });

  it('never shows tenant A’s accounts or contacts to tenant B, in a list or by id', async () => {
    const page = await accountsPage(tenantB.token);
    expect(page.accounts.totalCount).toBe(1);
    expect(page.accounts.edges.map(({ node }) => node.displayName)).toEqual(['Reza Karimi']);

    const lookups = [
      ...accountIdsOfA.map((id) => ({ field: 'account', id })),
      ...contactIdsOfA.map((id) => ({ field: 'contact', id })),
    ];
    expect(lookups).toHaveLength(3 + 3);
    for (const { field, id } of lookups) {
      const result = await postGraphQL(gatewayUrl, `query One($id: ID!) { ${field}(id: $id) { id } }`, {
        token: tenantB.token,
        variables: { id },
      });
      expect(result.data?.[field] ?? null).toBeNull();
    }
  });

  it('refuses a call straight to the subgraph without a token, but serves `_service { sdl }` for composition', async () => {
    const refused = await postGraphQL(accounts.process.graphqlUrl, ACCOUNTS_PAGE_QUERY, {
      variables: { first: 20 },
    });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const sdl = await postGraphQL(accounts.process.graphqlUrl, '{ _service { sdl } }');
    expect(sdl.status).toBe(200);
    expect(JSON.stringify(sdl.data)).toContain('type Account');
  });

  it('exposes Prometheus metrics of HTTP, operations, the database pool and the outbox relay', async () => {
    const metrics = await (await fetch(`${accounts.process.origin}/metrics`)).text();
    for (const series of [
      'http_request_duration_seconds_bucket',
      'graphql_operations_total',
      'db_pool_connections',
      'db_pool_waiting_requests',
      'outbox_published_events',
      'outbox_relay_leader',
    ]) {
      expect(metrics).toMatch(new RegExp(`^${series}\\{`, 'm'));
    }
    expect(metrics).toMatch(/^outbox_relay_leader\{[^}]*\} 1$/m);
  });

  it('refuses a depth bomb and an alias bomb at the gateway', async () => {
    const depthBomb = await postGraphQL(
      gatewayUrl,
      `{ accounts { edges { node { ${nested('parent', 12, 'id')} } } } }`,
      {
        token: tenantA.token,
      },
    );
    expect(depthBomb.status).toBe(400);
    expect(depthBomb.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/);

    const aliasAttack = await postGraphQL(gatewayUrl, aliasBomb('me { id }', 50), { token: tenantA.token });
    expect(aliasAttack.status).toBe(400);
    expect(aliasAttack.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('answers with an error naming accounts while it is stopped, and recovers when it is back', async () => {
    await accounts.process.stop();

    const whileDown = await postGraphQL(gatewayUrl, '{ me { id } }', { token: tenantA.token });
    expect(whileDown.errors?.[0]?.message).toMatch(/^accounts subgraph unavailable/);
    expect(whileDown.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'accounts',
    });
    expect((await fetch(`${gateway.origin}/health/live`)).status).toBe(200);
    expect((await fetch(`${gateway.origin}/health/ready`)).status).toBe(503);

    await accounts.restart();
    await waitUntilReady(gateway);

    const afterRestart = await postGraphQL(gatewayUrl, '{ me { id } }', { token: tenantA.token });
    expect(afterRestart.errors).toBeUndefined();
    expect(afterRestart.data).toEqual({ me: { id: tenantA.userId } });
  });
});
