import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { signUpTenant, testServices } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;
let admin: Caller;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services, 'Duplicates Tenant')).admin;
  server = await startAccountsTestServer(db);
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

async function reasonsByName(accountId: string, caller = admin): Promise<Record<string, string[]>> {
  const candidates = await services.duplicates.duplicateAccounts(caller, accountId);
  return Object.fromEntries(
    candidates.map((candidate) => [candidate.account.displayName, candidate.reasons]),
  );
}

describe('duplicateAccounts', () => {
  it('finds a company under Arabic letters, Persian digits and legal-form words, and by tax id, email and phone', async () => {
    const target = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'شرکت کیان فولاد سهامی خاص',
      taxId: '411111111111',
      emails: ['info@kianfoolad.example'],
      phones: ['021 8877 6655'],
    });
    await services.accounts.createAccount(admin, { kind: 'COMPANY', legalName: 'شركة كيان فولاد' });
    await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'KF Trading',
      taxId: '411111111111',
    });
    await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Kian Foolad Ltd',
      emails: ['INFO@kianfoolad.example'],
    });
    await services.accounts.createAccount(admin, {
      kind: 'PERSON',
      firstName: 'Reza',
      lastName: 'Tehrani',
      phones: ['+98 21 8877 6655'],
    });
    await services.accounts.createAccount(admin, { kind: 'COMPANY', legalName: 'Pars Cement' });

    expect(await reasonsByName(target.id)).toEqual({
      'شركة كيان فولاد': ['SAME_NAME'],
      'KF Trading': ['SAME_TAX_ID'],
      'Kian Foolad Ltd': ['SAME_EMAIL'],
      'Reza Tehrani': ['SAME_PHONE'],
    });
  });

  it('scores stronger evidence higher and several reasons higher still, best first', async () => {
    const target = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Zagros Textile GmbH',
      registrationNumber: '10320000001',
      emails: ['office@zagros.example'],
    });
    await services.accounts.createAccount(admin, { kind: 'COMPANY', legalName: 'Zagros Textiles' });
    await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Zagros Textile Co.',
      registrationNumber: '10320000001',
      emails: ['office@zagros.example'],
    });
    const candidates = await services.duplicates.duplicateAccounts(admin, target.id);
    expect(candidates.map((candidate) => [candidate.account.displayName, candidate.reasons])).toEqual([
      ['Zagros Textile Co.', ['SAME_REGISTRATION_NUMBER', 'SAME_EMAIL', 'SAME_NAME']],
      ['Zagros Textiles', ['SIMILAR_NAME']],
    ]);
    const [best, similar] = candidates;
    expect(best?.score).toBeGreaterThan(0.99);
    expect(similar?.score).toBe(0.5);
  });

  it('leaves out archived and merged accounts, and answers for a merged id as its survivor', async () => {
    const survivor = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Alborz Dairy',
    });
    const merged = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Alborz Dairy Co',
    });
    const archived = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Alborz Dairy Ltd',
    });
    const live = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Alborz Dairy Inc',
    });
    await services.merges.mergeAccounts(admin, survivor.id, [merged.id], null);
    await services.accounts.archiveAccount(admin, archived.id);

    const candidates = await services.duplicates.duplicateAccounts(admin, merged.id);
    expect(candidates.map((candidate) => candidate.account.id)).toEqual([live.id]);
  });

  it('never shows another tenant’s accounts, and is NOT_FOUND for their ids', async () => {
    const mine = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Tenant Isolation Works',
      emails: ['same@isolation.example'],
    });
    const other = (await signUpTenant(services, 'Other Duplicates Tenant')).admin;
    const theirs = await services.accounts.createAccount(other, {
      kind: 'COMPANY',
      legalName: 'Tenant Isolation Works',
      emails: ['same@isolation.example'],
    });
    expect(await services.duplicates.duplicateAccounts(other, theirs.id)).toEqual([]);
    expect((await rejectionOf(services.duplicates.duplicateAccounts(other, mine.id))).code).toBe('NOT_FOUND');
    expect((await rejectionOf(services.duplicates.duplicateAccounts(admin, uuidv7()))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('answers through GraphQL with the candidate accounts, their scores and reasons', async () => {
    const target = await services.accounts.createAccount(admin, {
      kind: 'PERSON',
      firstName: 'Parisa',
      lastName: 'Hosseini',
      phones: ['09351112233'],
    });
    await services.accounts.createAccount(admin, {
      kind: 'PERSON',
      firstName: 'پریسا',
      lastName: 'حسینی',
      phones: ['+989351112233'],
    });
    const result = await server.request<{
      duplicateAccounts: { account: { displayName: string }; score: number; reasons: string[] }[];
    }>(
      `query ($id: ID!) { duplicateAccounts(accountId: $id) { account { displayName } score reasons } }`,
      { id: target.id },
      await server.tokenFor({ ...admin, roles: ['ANALYST'] }),
    );
    expect(result.data?.duplicateAccounts).toEqual([
      { account: { displayName: 'پریسا حسینی' }, score: 0.8, reasons: ['SAME_PHONE'] },
    ]);
  });
});
