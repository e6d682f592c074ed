import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { outboxRowsAbout, signUpTenant, testServices } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;
let admin: Caller;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services, 'Merge Tenant')).admin;
  server = await startAccountsTestServer(db);
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

const company = (legalName: string, fields: Record<string, unknown> = {}) =>
  services.accounts.createAccount(admin, { kind: 'COMPANY', legalName, ...fields });

async function contactOf(accountId: string, firstName: string, isPrimary = false) {
  return services.contacts.createContact(admin, { accountId, firstName, lastName: 'Test', isPrimary });
}

/** What a rejected merge must leave as it was. */
async function snapshot() {
  return {
    accounts: await db.ownerQuery(`SELECT "id", "version", "archived_at" FROM "accounts" ORDER BY "id"`),
    contacts: await db.ownerQuery(`SELECT "id", "account_id", "version" FROM "contacts" ORDER BY "id"`),
    merges: await db.countRows('account_merges'),
    outbox: await db.countRows('outbox'),
  };
}

describe('mergeAccounts', () => {
  it('keeps the survivor’s values, fills its empty fields, unions lists, moves contacts and archives the duplicates', async () => {
    const survivor = await company('Kian Steel', {
      industry: 'Steel',
      emails: ['info@kian.example'],
      tags: ['wholesale'],
      addresses: [{ label: 'HQ', line1: 'Valiasr 1', city: 'Tehran', country: 'IR' }],
      customFields: { segment: 'A' },
    });
    const first = await company('Kian Steel Ltd', {
      industry: 'Metals',
      taxId: '411111111111',
      website: 'kian.example',
      emails: ['sales@kian.example', 'info@kian.example'],
      phones: ['021 8877 6655'],
      tags: ['steel', 'wholesale'],
      addresses: [{ label: 'HQ', line1: 'Valiasr 1', city: 'Tehran', country: 'IR' }],
      customFields: { segment: 'B', fair: '2026' },
    });
    const second = await company('شرکت کیان استیل', {
      registrationNumber: '10101234567',
      taxId: '999',
      addresses: [{ label: 'Plant', line1: 'Road 5', city: 'Isfahan', country: 'IR' }],
    });
    const survivorPrimary = await contactOf(survivor.id, 'Survivor', true);
    const firstPrimary = await contactOf(first.id, 'First', true);
    const secondContact = await contactOf(second.id, 'Second');

    const merged = await services.merges.mergeAccounts(admin, survivor.id, [first.id, second.id], 1);

    expect(merged).toMatchObject({
      id: survivor.id,
      legalName: 'Kian Steel',
      industry: 'Steel',
      taxId: '411111111111',
      registrationNumber: '10101234567',
      website: 'https://kian.example',
      emails: ['info@kian.example', 'sales@kian.example'],
      phones: ['+982188776655'],
      tags: ['wholesale', 'steel'],
      addresses: [
        expect.objectContaining({ label: 'HQ' }),
        expect.objectContaining({ label: 'Plant', city: 'Isfahan' }),
      ],
      customFields: { segment: 'A', fair: '2026' },
      version: 2,
      archivedAt: null,
    });
    const contacts = await db.ownerQuery<{ id: string; account_id: string; is_primary: boolean }>(
      `SELECT "id", "account_id", "is_primary" FROM "contacts" WHERE "id" = ANY($1::uuid[]) ORDER BY "id"`,
      [[survivorPrimary.id, firstPrimary.id, secondContact.id]],
    );
    expect(contacts.map((contact) => [contact.id, contact.account_id, contact.is_primary])).toEqual([
      [survivorPrimary.id, survivor.id, true],
      [firstPrimary.id, survivor.id, false],
      [secondContact.id, survivor.id, false],
    ]);
    const duplicates = await services.accounts.findByIds(admin.tenantId, [first.id, second.id]);
    expect(duplicates.map((account) => account?.archivedAt !== null)).toEqual([true, true]);
    expect(
      await db.ownerQuery(`SELECT "merged_id", "survivor_id" FROM "account_merges" ORDER BY "merged_id"`),
    ).toEqual([first.id, second.id].sort().map((id) => ({ merged_id: id, survivor_id: survivor.id })));

    const events = (await outboxRowsAbout(db, survivor.id)).map((row) => row.envelope);
    expect(events.at(-1)).toMatchObject({
      type: 'crm.accounts.AccountMerged.v1',
      sequence: '2',
      data: {
        survivorId: survivor.id,
        mergedIds: [first.id, second.id],
        movedContactIds: [firstPrimary.id, secondContact.id].sort(),
        survivor: { accountId: survivor.id, emails: ['info@kian.example', 'sales@kian.example'] },
      },
    });
  });

  it('makes a duplicate’s primary contact the survivor’s when the survivor has none', async () => {
    const survivor = await company('No Primary');
    const duplicate = await company('No Primary Co');
    const primary = await contactOf(duplicate.id, 'Primary', true);
    await services.merges.mergeAccounts(admin, survivor.id, [duplicate.id], null);
    const [row] = await db.ownerQuery(`SELECT "account_id", "is_primary" FROM "contacts" WHERE "id" = $1`, [
      primary.id,
    ]);
    expect(row).toEqual({ account_id: survivor.id, is_primary: true });
  });

  it('resolves a merged id to the survivor, through account(id) and entity references, even after a later merge', async () => {
    const a = await company('Chain A');
    const b = await company('Chain B');
    const c = await company('Chain C');
    await services.merges.mergeAccounts(admin, b.id, [a.id], null);
    await services.merges.mergeAccounts(admin, c.id, [b.id], null);

    const token = await server.tokenFor(admin);
    const byId = await server.request<{ account: { id: string; displayName: string } }>(
      `query ($id: ID!) { account(id: $id) { id displayName } }`,
      { id: a.id },
      token,
    );
    expect(byId.data?.account).toEqual({ id: c.id, displayName: 'Chain C' });
    const entities = await server.request<{ _entities: { id: string }[] }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Account { id } } }`,
      {
        representations: [
          { __typename: 'Account', id: a.id },
          { __typename: 'Account', id: b.id },
        ],
      },
      token,
    );
    expect(entities.data?._entities).toEqual([{ id: c.id }, { id: c.id }]);
  });

  it('refuses bad arguments naming each field, and writes nothing', async () => {
    const survivor = await company('Bad Input Survivor');
    const duplicate = await company('Bad Input Duplicate');
    const before = await snapshot();

    const rejection = await rejectionOf(
      services.merges.mergeAccounts(
        admin,
        survivor.id,
        [duplicate.id, survivor.id, duplicate.id, 'nope', uuidv7()],
        null,
      ),
    );
    expect(rejection.code).toBe('BAD_USER_INPUT');
    expect(rejection.fields.map((field) => field.field)).toEqual([
      'duplicateIds[1]',
      'duplicateIds[2]',
      'duplicateIds[3]',
    ]);
    const unknown = await rejectionOf(services.merges.mergeAccounts(admin, uuidv7(), [uuidv7()], null));
    expect(unknown.fields.map((field) => [field.field, field.message])).toEqual([
      ['survivorId', 'is not one of your accounts'],
      ['duplicateIds[0]', 'is not one of your accounts'],
    ]);
    const empty = await rejectionOf(services.merges.mergeAccounts(admin, survivor.id, [], null));
    expect(empty.fields).toEqual([{ field: 'duplicateIds', message: 'must name at least one account' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('is a CONFLICT, writing nothing, for an already merged account or a stale expectedVersion', async () => {
    const survivor = await company('Conflict Survivor');
    const merged = await company('Conflict Merged');
    const other = await company('Conflict Other');
    await services.merges.mergeAccounts(admin, survivor.id, [merged.id], null);
    const before = await snapshot();

    const again = await rejectionOf(services.merges.mergeAccounts(admin, other.id, [merged.id], null));
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already merged') });
    const intoMerged = await rejectionOf(services.merges.mergeAccounts(admin, merged.id, [other.id], null));
    expect(intoMerged.code).toBe('CONFLICT');
    const stale = await rejectionOf(services.merges.mergeAccounts(admin, survivor.id, [other.id], 1));
    expect(stale.code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('cannot touch another tenant’s accounts: they are unknown there, and nothing is written', async () => {
    const mine = await company('Tenant Mine');
    const alsoMine = await company('Tenant Also Mine');
    const intruder = (await signUpTenant(services, 'Intruder')).admin;
    const theirs = await services.accounts.createAccount(intruder, { kind: 'COMPANY', legalName: 'Theirs' });
    const before = await snapshot();

    const rejection = await rejectionOf(
      services.merges.mergeAccounts(intruder, theirs.id, [mine.id, alsoMine.id], null),
    );
    expect(rejection.fields.map((field) => field.field)).toEqual(['duplicateIds[0]', 'duplicateIds[1]']);
    expect(await snapshot()).toEqual(before);
  });

  it('is refused to roles that only read accounts', async () => {
    const survivor = await company('Role Survivor');
    const duplicate = await company('Role Duplicate');
    const marketer = { ...admin, roles: ['MARKETER' as const] };
    const result = await server.request(
      `mutation ($s: ID!, $d: [ID!]!) { mergeAccounts(survivorId: $s, duplicateIds: $d) { id } }`,
      { s: survivor.id, d: [duplicate.id] },
      await server.tokenFor(marketer),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      await db.ownerQuery(`SELECT 1 FROM "account_merges" WHERE "merged_id" = $1`, [duplicate.id]),
    ).toEqual([]);
    const [unchanged] = await services.accounts.findByIds(admin.tenantId, [duplicate.id]);
    expect(unchanged?.archivedAt).toBeNull();
  });
});
