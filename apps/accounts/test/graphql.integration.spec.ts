import type { AccountsServices } from '../src/services';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';
import { inviteMember, signUpTenant, testServices, type SignedUpTenant } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;
let tenant: SignedUpTenant;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  server = await startAccountsTestServer(db);
  tenant = await signUpTenant(services, 'GraphQL Tenant');
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

const ACCOUNTS_WITH_CONTACTS_AND_OWNERS = `
  query Accounts($first: Int!) {
    accounts(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id displayName archived
        owner { id name }
        parent { id }
        contacts(first: 3) { totalCount edges { node { firstName account { id } } } }
      } }
    }
  }`;

interface AccountsPage {
  accounts: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        owner: { name: string } | null;
        contacts: { totalCount: number; edges: unknown[] };
      };
    }[];
  };
}

describe('the accounts subgraph over HTTP', () => {
  it('costs as many SQL statements for a page of 100 accounts (with contacts and owners) as for a page of 10', async () => {
    const owners = [
      tenant.admin,
      await inviteMember(services, tenant.admin, 'SALES_REP'),
      await inviteMember(services, tenant.admin, 'MANAGER'),
    ];
    for (let n = 0; n < 100; n += 1) {
      const owner = owners[n % owners.length];
      const account = await services.accounts.createAccount(tenant.admin, {
        kind: 'COMPANY',
        legalName: `Firm ${n}`,
        ownerId: owner?.userId,
      });
      for (let c = 0; c < 2; c += 1) {
        await services.contacts.createContact(tenant.admin, {
          accountId: account.id,
          firstName: `Contact ${c}`,
          lastName: `of ${n}`,
        });
      }
    }
    const token = await server.tokenFor(tenant.admin);
    const statementsFor = async (first: number) => {
      const before = db.sqlStatements.statements;
      const result = await server.request<AccountsPage>(ACCOUNTS_WITH_CONTACTS_AND_OWNERS, { first }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data?.accounts.edges).toHaveLength(first);
      for (const { node } of result.data?.accounts.edges ?? []) {
        expect(node.owner?.name).toBeTruthy();
        expect(node.contacts).toMatchObject({ totalCount: 2, edges: [expect.anything(), expect.anything()] });
      }
      return db.sqlStatements.statements - before;
    };

    const forTen = await statementsFor(10);
    const forHundred = await statementsFor(100);
    expect(forHundred).toBe(forTen);
    // The page, its count, its contacts, their owners: one transaction of 4 statements each (Contact.account is primed).
    expect(forTen).toBeLessThanOrEqual(16);
  });

  it('refuses a request without a token, except sign-up and login', async () => {
    const anonymous = await server.request('{ accounts { totalCount } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const login = await server.request<{ login: { user: { id: string } } }>(
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id } tenant { id } } }',
      { email: tenant.email, password: tenant.password },
    );
    expect(login.data?.login.user.id).toBe(tenant.admin.userId);
  });

  it('signs up and then serves `me` with the token it issued', async () => {
    const signUp = await server.request<{ signUp: { token: string; tenant: { name: string } } }>(
      `mutation { signUp(tenantName: "Over HTTP", name: "Hana", email: "hana@http.example", password: "a long password") {
         token tenant { name phoneRegion } user { role } } }`,
    );
    expect(signUp.data?.signUp.tenant.name).toBe('Over HTTP');
    const me = await server.request<{ me: { email: string; role: string } }>(
      '{ me { email role } }',
      {},
      signUp.data?.signUp.token,
    );
    expect(me.data?.me).toEqual({ email: 'hana@http.example', role: 'ADMIN' });
  });

  it('lets a MARKETER read accounts but not write them: FORBIDDEN, nothing written', async () => {
    const marketer = await server.tokenFor(await inviteMember(services, tenant.admin, 'MARKETER'));
    expect(
      (await server.request('{ accounts(first: 1) { totalCount } }', {}, marketer)).errors,
    ).toBeUndefined();

    const before = await db.countRows('accounts');
    const write = await server.request(
      'mutation { createAccount(input: { kind: PERSON, firstName: "X" }) { id } }',
      {},
      marketer,
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.countRows('accounts')).toBe(before);
  });

  it('reports invalid input as BAD_USER_INPUT with the offending fields', async () => {
    const token = await server.tokenFor(tenant.admin);
    const result = await server.request(
      'mutation { createAccount(input: { kind: COMPANY, emails: ["fine@x.example", "broken"] }) { id } }',
      {},
      token,
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.emails[1]', message: '"broken" is not a valid email address' },
        { field: 'input.legalName', message: 'a company needs a name: give a legal name or a display name' },
      ],
    });
    const tooMany = await server.request('{ accounts(first: 101) { totalCount } }', {}, token);
    expect(tooMany.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: 'must be between 0 and 100' }],
    });
  });

  it('answers a stale update with CONFLICT', async () => {
    const token = await server.tokenFor(tenant.admin);
    const created = await services.accounts.createAccount(tenant.admin, {
      kind: 'PERSON',
      firstName: 'Versioned',
    });
    await services.accounts.updateAccount(tenant.admin, { id: created.id, tier: 'A' });
    const result = await server.request(
      'mutation($id: ID!) { updateAccount(input: { id: $id, expectedVersion: 1, tier: "B" }) { version } }',
      { id: created.id },
      token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it("resolves entity references for the gateway within the caller's tenant only", async () => {
    const other = await signUpTenant(services, 'Other');
    const mine = await services.accounts.createAccount(tenant.admin, { kind: 'PERSON', firstName: 'Mine' });
    const theirs = await services.accounts.createAccount(other.admin, {
      kind: 'PERSON',
      firstName: 'Theirs',
    });
    const result = await server.request<{ _entities: ({ displayName: string } | null)[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Account { displayName } ... on User { name } ... on Tenant { name } } }`,
      {
        representations: [
          { __typename: 'Account', id: mine.id },
          { __typename: 'Account', id: theirs.id },
          { __typename: 'User', id: tenant.admin.userId },
          { __typename: 'Tenant', id: tenant.tenantId },
          { __typename: 'Tenant', id: other.tenantId },
        ],
      },
      await server.tokenFor(tenant.admin),
    );
    expect(result.data?._entities).toEqual([
      { displayName: 'Mine' },
      null,
      { name: 'Admin' },
      { name: 'GraphQL Tenant' },
      null,
    ]);
  });

  it('resolves a representation without an id to null, for every entity type', async () => {
    const result = await server.request<{ _entities: unknown[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Account { displayName } ... on Contact { firstName } ... on User { name } ... on Tenant { name } } }`,
      {
        representations: [
          { __typename: 'Account' },
          { __typename: 'Contact' },
          { __typename: 'User' },
          { __typename: 'Tenant' },
          { __typename: 'User', id: null },
          { __typename: 'Tenant', id: tenant.tenantId },
        ],
      },
      await server.tokenFor(tenant.admin),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null, null, null, null, null, { name: 'GraphQL Tenant' }]);
  });

  describe('invitations', () => {
    const LINK = 'mutation($userId: ID!) { invitationLink(userId: $userId) }';
    const ACCEPT = `mutation($token: String!, $password: String!) {
      acceptInvitation(token: $token, password: $password) { token user { id role } tenant { id } } }`;

    it('lets an ADMIN get a link and the invited member accept it without a token, then log in', async () => {
      const member = await inviteMember(services, tenant.admin, 'ANALYST');
      const link = await server.request<{ invitationLink: string }>(
        LINK,
        { userId: member.userId },
        await server.tokenFor(tenant.admin),
      );
      expect(link.errors).toBeUndefined();
      const invitation = link.data?.invitationLink ?? '';

      const accepted = await server.request<{ acceptInvitation: { token: string } }>(ACCEPT, {
        token: invitation,
        password: 'an analyst password',
      });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data?.acceptInvitation).toMatchObject({
        user: { id: member.userId, role: 'ANALYST' },
        tenant: { id: tenant.tenantId },
      });
      const me = await server.request<{ me: { id: string } }>(
        '{ me { id } }',
        {},
        accepted.data?.acceptInvitation.token,
      );
      expect(me.data?.me.id).toBe(member.userId);

      const again = await server.request(ACCEPT, { token: invitation, password: 'another password' });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('refuses a link to a non-ADMIN with FORBIDDEN', async () => {
      const member = await inviteMember(services, tenant.admin, 'SALES_REP');
      for (const role of ['MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'] as const) {
        const caller = await inviteMember(services, tenant.admin, role);
        const result = await server.request(LINK, { userId: member.userId }, await server.tokenFor(caller));
        expect({ role, code: result.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
        expect(result.data?.invitationLink ?? null).toBeNull();
      }
    });

    it('refuses an access token as an invitation, and an invitation as an access token', async () => {
      const member = await inviteMember(services, tenant.admin, 'SALES_REP');
      const asInvitation = await server.request(ACCEPT, {
        token: await server.tokenFor(member),
        password: 'a long password',
      });
      expect(asInvitation.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(
        (
          await db.ownerQuery('SELECT 1 FROM "users" WHERE "id" = $1 AND "password_hash" IS NULL', [
            member.userId,
          ])
        ).length,
      ).toBe(1);

      const invitation = await services.users.invitationLink(tenant.admin, member.userId);
      const asAccessToken = await server.request('{ me { id } }', {}, invitation);
      expect(asAccessToken.status).toBe(401);
      expect(asAccessToken.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
