import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { inviteMember, signUpTenant, testServices } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;
let admin: Caller;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services, 'Export Tenant')).admin;
  server = await startAccountsTestServer(db);
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

const CUSTOMER_EXPORT = `
  query ($id: ID!) {
    customerDataExport(accountId: $id) { accountId exportedAt accounts }
  }`;

interface ExportJson {
  account: Record<string, unknown>;
  contacts: Record<string, unknown>[];
  mergedAccounts: Record<string, unknown>[];
  erasure: unknown;
}

async function customerWithHistory() {
  const customer = await services.accounts.createAccount(admin, {
    kind: 'PERSON',
    firstName: 'Mina',
    lastName: 'Ahmadi',
    birthDate: '1988-08-08',
    emails: ['mina@mail.example'],
    customFields: { loyalty: 'gold' },
  });
  const contact = await services.contacts.createContact(admin, {
    accountId: customer.id,
    firstName: 'Mina',
    lastName: 'Ahmadi',
    phones: ['09121234567'],
  });
  const duplicate = await services.accounts.createAccount(admin, {
    kind: 'PERSON',
    firstName: 'Mina',
    lastName: 'Ahmadi-Old',
    emails: ['mina.old@mail.example'],
  });
  await services.merges.mergeAccounts(admin, customer.id, [duplicate.id], null);
  return { customer, contact, duplicate };
}

describe('exporting a customer’s data', () => {
  it('exportAccount returns everything accounts holds: the account, its contacts and what was merged into it', async () => {
    const { customer, contact, duplicate } = await customerWithHistory();
    const exported = (await services.dataExports.exportAccount(admin, customer.id)) as unknown as ExportJson;

    expect(exported.account).toMatchObject({
      id: customer.id,
      firstName: 'Mina',
      lastName: 'Ahmadi',
      birthDate: '1988-08-08',
      emails: ['mina@mail.example', 'mina.old@mail.example'],
      customFields: { loyalty: 'gold' },
    });
    expect(exported.account).not.toHaveProperty('searchText');
    expect(exported.account).not.toHaveProperty('tenantId');
    expect(exported.contacts).toEqual([
      expect.objectContaining({ id: contact.id, phones: ['+989121234567'] }),
    ]);
    expect(exported.mergedAccounts).toEqual([
      expect.objectContaining({ id: duplicate.id, lastName: 'Ahmadi-Old' }),
    ]);
    expect(exported.erasure).toBeNull();
  });

  it('customerDataExport is the federated entity keyed by the survivor’s id, also when asked with a merged id', async () => {
    const { customer, duplicate } = await customerWithHistory();
    const result = await server.request<{
      customerDataExport: { accountId: string; exportedAt: string; accounts: ExportJson };
    }>(CUSTOMER_EXPORT, { id: duplicate.id }, await server.tokenFor(admin));

    expect(result.errors).toBeUndefined();
    expect(result.data?.customerDataExport).toMatchObject({
      accountId: customer.id,
      accounts: { account: { id: customer.id, firstName: 'Mina' } },
    });
    expect(Date.parse(result.data?.customerDataExport.exportedAt ?? '')).not.toBeNaN();
  });

  it('shows an erased customer as anonymised, with the erasure’s progress', async () => {
    const { customer } = await customerWithHistory();
    await services.erasures.eraseAccount(admin, customer.id);
    const exported = (await services.dataExports.exportAccount(admin, customer.id)) as unknown as ExportJson;
    expect(JSON.stringify(exported)).not.toMatch(/Mina|Ahmadi|mina@/);
    expect(exported.erasure).toMatchObject({
      acknowledgements: expect.arrayContaining([{ service: 'accounts', completedAt: expect.any(Date) }]),
    });
  });

  it('is NOT_FOUND for another tenant’s customer and for unknown ids', async () => {
    const { customer } = await customerWithHistory();
    const other = (await signUpTenant(services, 'Other Export Tenant')).admin;
    expect((await rejectionOf(services.dataExports.exportAccount(other, customer.id))).code).toBe(
      'NOT_FOUND',
    );
    const viaGraphQL = await server.request(
      CUSTOMER_EXPORT,
      { id: customer.id },
      await server.tokenFor(other),
    );
    expect(viaGraphQL.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await rejectionOf(services.dataExports.exportAccount(admin, 'nope'))).code).toBe('NOT_FOUND');
  });

  it('is for ADMINs and MANAGERs: FORBIDDEN for the other roles', async () => {
    const { customer } = await customerWithHistory();
    for (const [role, code] of [
      ['MANAGER', undefined],
      ['SALES_REP', 'FORBIDDEN'],
      ['MARKETER', 'FORBIDDEN'],
      ['ANALYST', 'FORBIDDEN'],
    ] as const) {
      const member = await inviteMember(services, admin, role);
      const result = await server.request(
        `query ($id: ID!) { exportAccount(id: $id) }`,
        { id: customer.id },
        await server.tokenFor(member),
      );
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, code]);
    }
  });
});
