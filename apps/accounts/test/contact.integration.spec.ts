import type { Caller } from '@crm/subgraph';
import { rejectionOf } from '@crm/testing';
import type { AccountEntity } from '../src/account/account.entity';
import type { AccountsServices } from '../src/services';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';
import { outboxRowsAbout, signUpTenant, testServices } from './support/accounts-fixtures';

let db: AccountsTestDatabase;
let services: AccountsServices;
let admin: Caller;
let account: AccountEntity;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services)).admin;
  account = await services.accounts.createAccount(admin, { kind: 'COMPANY', legalName: 'Kian Steel' });
});

afterAll(() => db.close());

describe('contacts', () => {
  it('creates a contact, normalised, and records ContactCreated', async () => {
    const contact = await services.contacts.createContact(admin, {
      accountId: account.id,
      firstName: ' Sara ',
      lastName: 'Ahmadi',
      jobTitle: 'Head of Procurement',
      buyingRole: 'DECISION_MAKER',
      emails: ['Sara@Kian.example'],
      phones: ['۰۹۱۲ ۳۴۵ ۶۷۸۹'],
    });
    expect(contact).toMatchObject({
      firstName: 'Sara',
      isPrimary: false,
      phones: ['+989123456789'],
      version: 1,
    });

    const [event] = await outboxRowsAbout(db, contact.id);
    expect(event?.envelope).toMatchObject({
      type: 'crm.accounts.ContactCreated.v1',
      subject: contact.id,
      sequence: '1',
      tenantid: admin.tenantId,
      data: {
        contactId: contact.id,
        accountId: account.id,
        buyingRole: 'DECISION_MAKER',
        emails: ['sara@kian.example'],
      },
    });
  });

  it('keeps one primary contact per account: a new primary demotes the old one, with ContactUpdated', async () => {
    const first = await services.contacts.createContact(admin, {
      accountId: account.id,
      firstName: 'A',
      lastName: 'One',
      isPrimary: true,
    });
    const second = await services.contacts.createContact(admin, {
      accountId: account.id,
      firstName: 'B',
      lastName: 'Two',
      isPrimary: true,
    });

    const [demoted, promoted] = await services.contacts.findByIds(admin.tenantId, [first.id, second.id]);
    expect(demoted).toMatchObject({ isPrimary: false, version: 2 });
    expect(promoted).toMatchObject({ isPrimary: true, version: 1 });
    const events = await outboxRowsAbout(db, first.id);
    expect(
      events.map((row) => [row.envelope.type, row.envelope.sequence, row.envelope.data['changedFields']]),
    ).toEqual([
      ['crm.accounts.ContactCreated.v1', '1', undefined],
      ['crm.accounts.ContactUpdated.v1', '2', ['isPrimary']],
    ]);

    await services.contacts.updateContact(admin, { id: first.id, isPrimary: true });
    const primaries = await db.ownerQuery(
      `SELECT "id" FROM "contacts" WHERE "account_id" = $1 AND "is_primary"`,
      [account.id],
    );
    expect(primaries).toEqual([{ id: first.id }]);
  });

  it('makes concurrent "make primary" requests apply one after another, leaving exactly one primary', async () => {
    const target = await services.accounts.createAccount(admin, { kind: 'COMPANY', legalName: 'Race Co' });
    await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        services.contacts.createContact(admin, {
          accountId: target.id,
          firstName: `C${n}`,
          lastName: 'Race',
          isPrimary: true,
        }),
      ),
    );
    const [row] = await db.ownerQuery<{ primaries: number }>(
      `SELECT count(*) FILTER (WHERE "is_primary")::int AS primaries FROM "contacts" WHERE "account_id" = $1`,
      [target.id],
    );
    expect(row?.primaries).toBe(1);
  });

  it.each<[string, () => Promise<string>, string]>([
    ['an unknown account', async () => '0190f7c2-0000-7000-8000-0000000000ee', 'is not one of your accounts'],
    [
      'an archived account',
      async () => {
        const archived = await services.accounts.createAccount(admin, { kind: 'PERSON', firstName: 'Gone' });
        await services.accounts.archiveAccount(admin, archived.id);
        return archived.id;
      },
      'is archived',
    ],
  ])(
    'refuses a contact for %s on input.accountId, and writes nothing',
    async (_case, accountIdFor, message) => {
      const accountId = await accountIdFor();
      const before = [await db.countRows('contacts'), await db.countRows('outbox')];
      const rejection = await rejectionOf(
        services.contacts.createContact(admin, { accountId, firstName: 'X', lastName: 'Y' }),
      );
      expect(rejection.fields).toEqual([{ field: 'input.accountId', message }]);
      expect([await db.countRows('contacts'), await db.countRows('outbox')]).toEqual(before);
    },
  );

  it('updates with optimistic concurrency: a stale version is a CONFLICT and changes nothing', async () => {
    const contact = await services.contacts.createContact(admin, {
      accountId: account.id,
      firstName: 'Lena',
      lastName: 'Vogel',
    });
    const updated = await services.contacts.updateContact(admin, {
      id: contact.id,
      expectedVersion: 1,
      jobTitle: 'CFO',
    });
    expect(updated).toMatchObject({ jobTitle: 'CFO', version: 2 });

    const rejection = await rejectionOf(
      services.contacts.updateContact(admin, { id: contact.id, expectedVersion: 1, jobTitle: 'CEO' }),
    );
    expect(rejection).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/expected version 1, current is 2/),
    });
    const [stored] = await services.contacts.findByIds(admin.tenantId, [contact.id]);
    expect(stored).toMatchObject({ jobTitle: 'CFO', version: 2 });
  });

  it('refuses to change a contact of an archived account, like the account itself: CONFLICT, nothing written', async () => {
    const archivable = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Gone Ltd',
    });
    const contact = await services.contacts.createContact(admin, {
      accountId: archivable.id,
      firstName: 'Old',
      lastName: 'Friend',
    });
    await services.accounts.archiveAccount(admin, archivable.id);
    const outboxBefore = await db.countRows('outbox');

    const rejection = await rejectionOf(
      services.contacts.updateContact(admin, { id: contact.id, isPrimary: true, jobTitle: 'CEO' }),
    );
    expect(rejection).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is archived/) });
    const [stored] = await services.contacts.findByIds(admin.tenantId, [contact.id]);
    expect(stored).toMatchObject({ isPrimary: false, jobTitle: null, version: 1 });
    expect(await db.countRows('outbox')).toBe(outboxBefore);
  });

  it('stores the account id in the form the API returns it, whatever its letter case', async () => {
    const contact = await services.contacts.createContact(admin, {
      accountId: account.id.toUpperCase(),
      firstName: 'Case',
      lastName: 'Insensitive',
    });
    expect(contact.accountId).toBe(account.id);
    const [event] = await outboxRowsAbout(db, contact.id);
    expect(event?.envelope.data).toMatchObject({ accountId: account.id });
  });

  it('answers NOT_FOUND when updating a contact that does not exist', async () => {
    expect(
      await rejectionOf(services.contacts.updateContact(admin, { id: 'nope', jobTitle: 'x' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe("an account's contacts, page by page", () => {
  let accounts: AccountEntity[];

  beforeAll(async () => {
    accounts = [];
    for (const [name, contactCount] of [
      ['Five', 5],
      ['One', 1],
      ['None', 0],
    ] as const) {
      const created = await services.accounts.createAccount(admin, {
        kind: 'COMPANY',
        legalName: `${name} Contacts Co`,
      });
      for (let n = 0; n < contactCount; n += 1) {
        await services.contacts.createContact(admin, {
          accountId: created.id,
          firstName: `${name}${n}`,
          lastName: 'Contact',
        });
      }
      accounts.push(created);
    }
  });

  const ids = () => accounts.map((created) => created.id);

  it('gives every account its own first page and total, in one batch', async () => {
    const pages = await services.contacts.pagesByAccount(admin.tenantId, ids(), 2, null);
    expect(pages.map((page) => page.edges.map((edge) => edge.node.firstName))).toEqual([
      ['Five0', 'Five1'],
      ['One0'],
      [],
    ]);
    expect(pages.map((page) => [page.totalCount, page.pageInfo.hasNextPage])).toEqual([
      [5, true],
      [1, false],
      [0, false],
    ]);
  });

  it('walks one account to the end, keeping the total after the last contact', async () => {
    const seen: string[] = [];
    let page = (await services.contacts.pagesByAccount(admin.tenantId, [ids()[0] as string], 2, null))[0];
    for (;;) {
      seen.push(...(page?.edges.map((edge) => edge.node.firstName) ?? []));
      const last = page?.edges.at(-1)?.node;
      if (!last) break;
      page = (await services.contacts.pagesByAccount(admin.tenantId, [ids()[0] as string], 2, last))[0];
      expect(page?.totalCount).toBe(5);
    }
    expect(seen).toEqual(['Five0', 'Five1', 'Five2', 'Five3', 'Five4']);
  });
});
