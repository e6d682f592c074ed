import { encodeCursor, type Caller } from '@crm/subgraph';
import { eventually, rejectionOf } from '@crm/testing';
import type { CreateAccountInput } from '../src/generated/graphql';
import type { AccountsServices } from '../src/services';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';
import { inviteMember, outboxRowsAbout, signUpTenant, testServices } from './support/accounts-fixtures';

let db: AccountsTestDatabase;
let services: AccountsServices;
let admin: Caller;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services, 'Accounts Tenant')).admin;
});

afterAll(() => db.close());

const company = (fields: Partial<CreateAccountInput> = {}): CreateAccountInput => ({
  kind: 'COMPANY',
  legalName: 'Kian Steel',
  ...fields,
});
const person = (fields: Partial<CreateAccountInput> = {}): CreateAccountInput => ({
  kind: 'PERSON',
  firstName: 'Ali',
  lastName: 'Rostami',
  ...fields,
});

describe('creating accounts', () => {
  it('stores a company with every field, normalised, at version 1', async () => {
    const owner = await inviteMember(services, admin, 'SALES_REP', 'Reza');
    const group = await services.accounts.createAccount(admin, company({ legalName: 'Kian Group' }));
    const created = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Kian Steel Industries',
      displayName: 'Kian Steel',
      industry: 'Manufacturing',
      registrationNumber: '10101234567',
      taxId: '411111111111',
      website: 'kiansteel.example',
      employeeCount: 250,
      parentId: group.id,
      emails: ['Sales@KianSteel.example'],
      phones: ['021 8877 6655'],
      addresses: [{ label: 'HQ', line1: 'Valiasr St. 12', city: 'Tehran', country: 'ir' }],
      tier: 'GOLD',
      tags: ['wholesale', 'steel'],
      ownerId: owner.userId,
      customFields: { source: 'trade fair 2026', score: 7 },
    });

    const [stored] = await services.accounts.findByIds(admin.tenantId, [created.id]);
    expect(stored).toMatchObject({
      kind: 'COMPANY',
      salesModel: 'B2B',
      displayName: 'Kian Steel',
      legalName: 'Kian Steel Industries',
      website: 'https://kiansteel.example',
      employeeCount: 250,
      parentId: group.id,
      emails: ['sales@kiansteel.example'],
      phones: ['+982188776655'],
      addresses: [
        {
          label: 'HQ',
          line1: 'Valiasr St. 12',
          line2: null,
          city: 'Tehran',
          region: null,
          postalCode: null,
          country: 'IR',
        },
      ],
      tags: ['wholesale', 'steel'],
      lifecycleStage: 'PROSPECT',
      ownerId: owner.userId,
      customFields: { source: 'trade fair 2026', score: 7 },
      archivedAt: null,
      version: 1,
    });
    expect(stored?.createdAt).toEqual(created.createdAt);
  });

  it('makes a person B2C with a display name from first and last name', async () => {
    const created = await services.accounts.createAccount(admin, person({ birthDate: '1990-05-17' }));
    expect(created).toMatchObject({
      salesModel: 'B2C',
      displayName: 'Ali Rostami',
      birthDate: '1990-05-17',
      version: 1,
    });
  });

  it('refuses invalid input naming each field, and writes nothing', async () => {
    const [accountsBefore, outboxBefore] = [await db.countRows('accounts'), await db.countRows('outbox')];
    const rejection = await rejectionOf(
      services.accounts.createAccount(
        admin,
        person({ firstName: null, lastName: null, emails: ['ok@x.example', 'nope'], phones: ['123'] }),
      ),
    );
    expect(rejection.code).toBe('BAD_USER_INPUT');
    expect(rejection.fields.map((field) => field.field).sort()).toEqual([
      'input.emails[1]',
      'input.firstName',
      'input.phones[0]',
    ]);
    expect(await db.countRows('accounts')).toBe(accountsBefore);
    expect(await db.countRows('outbox')).toBe(outboxBefore);
  });

  it('refuses text PostgreSQL cannot store (the NUL character) on its field, and writes nothing', async () => {
    const [accountsBefore, outboxBefore] = [await db.countRows('accounts'), await db.countRows('outbox')];
    const rejection = await rejectionOf(
      services.accounts.createAccount(
        admin,
        company({
          displayName: 'Kian\u0000Steel',
          tags: ['ok', 'v\u0000ip'],
          addresses: [{ label: 'HQ', line1: 'Valiasr\u0000', city: 'Tehran', country: 'IR' }],
          customFields: { source: { fair: 'x\u0000' }, ['k\u0000']: 1, literal: '\\u0000 is fine' },
        }),
      ),
    );
    expect(rejection.code).toBe('BAD_USER_INPUT');
    expect(rejection.fields.map((field) => field.field).sort()).toEqual([
      'input.addresses[0].line1',
      'input.customFields',
      'input.displayName',
      'input.tags[1]',
    ]);
    expect(await db.countRows('accounts')).toBe(accountsBefore);
    expect(await db.countRows('outbox')).toBe(outboxBefore);
  });

  it('stores owner and parent ids in the form the API returns them, whatever their letter case', async () => {
    const parent = await services.accounts.createAccount(admin, company({ legalName: 'Case Group' }));
    const created = await services.accounts.createAccount(
      admin,
      company({ ownerId: admin.userId.toUpperCase(), parentId: parent.id.toUpperCase() }),
    );
    expect(created).toMatchObject({ ownerId: admin.userId, parentId: parent.id });
    const [event] = await outboxRowsAbout(db, created.id);
    expect(event?.envelope.data).toMatchObject({ ownerId: admin.userId, parentId: parent.id });

    // The same ids again, in upper case, are no change.
    const again = await services.accounts.updateAccount(admin, {
      id: created.id,
      ownerId: admin.userId.toUpperCase(),
      parentId: parent.id.toUpperCase(),
    });
    expect(again.version).toBe(created.version);
  });

  it.each<
    [
      string,
      (ids: { personId: string; otherTenantUser: string }) => Partial<CreateAccountInput>,
      string,
      string,
    ]
  >([
    [
      'an owner who is not on the team',
      () => ({ ownerId: '0190f7c2-0000-7000-8000-0000000000ff' }),
      'input.ownerId',
      'is not an active member of your team',
    ],
    [
      'an owner of another tenant',
      ({ otherTenantUser }) => ({ ownerId: otherTenantUser }),
      'input.ownerId',
      'is not an active member of your team',
    ],
    [
      'a parent that is a person',
      ({ personId }) => ({ parentId: personId }),
      'input.parentId',
      'must be a COMPANY account',
    ],
  ])('refuses %s, and writes nothing', async (_case, change, field, message) => {
    const other = await signUpTenant(services, 'Other Tenant');
    const personId = (await services.accounts.createAccount(admin, person())).id;
    const before = await db.countRows('accounts');
    const rejection = await rejectionOf(
      services.accounts.createAccount(
        admin,
        company(change({ personId, otherTenantUser: other.admin.userId })),
      ),
    );
    expect(rejection.fields).toEqual([{ field, message }]);
    expect(await db.countRows('accounts')).toBe(before);
  });
});

describe('updating accounts', () => {
  it('applies the changes, bumps the version and re-derives a derived display name', async () => {
    const created = await services.accounts.createAccount(admin, person());
    const updated = await services.accounts.updateAccount(admin, {
      id: created.id,
      expectedVersion: 1,
      lastName: 'Rostami-Nejad',
      lifecycleStage: 'CUSTOMER',
      phones: ['۰۹۱۲ ۱۱۱ ۲۲۳۳'],
    });
    expect(updated).toMatchObject({
      displayName: 'Ali Rostami-Nejad',
      lifecycleStage: 'CUSTOMER',
      phones: ['+989121112233'],
      version: 2,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    const [stored] = await services.accounts.findByIds(admin.tenantId, [created.id]);
    expect(stored).toMatchObject({ displayName: 'Ali Rostami-Nejad', version: 2 });
  });

  it('writes and publishes nothing when nothing changes', async () => {
    const created = await services.accounts.createAccount(admin, person());
    const unchanged = await services.accounts.updateAccount(admin, {
      id: created.id,
      firstName: ' Ali ',
      tags: [],
    });
    expect(unchanged.version).toBe(1);
    expect(await outboxRowsAbout(db, created.id)).toHaveLength(1);
  });

  it('refuses a stale expectedVersion with CONFLICT naming both versions, and writes nothing', async () => {
    const created = await services.accounts.createAccount(admin, company());
    await services.accounts.updateAccount(admin, { id: created.id, tier: 'SILVER' });
    const rejection = await rejectionOf(
      services.accounts.updateAccount(admin, { id: created.id, expectedVersion: 1, tier: 'GOLD' }),
    );
    expect(rejection).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/expected version 1, current is 2/),
    });
    const [stored] = await services.accounts.findByIds(admin.tenantId, [created.id]);
    expect(stored).toMatchObject({ tier: 'SILVER', version: 2 });
  });

  it('refuses to make an account its own ancestor', async () => {
    const group = await services.accounts.createAccount(admin, company({ legalName: 'Group' }));
    const subsidiary = await services.accounts.createAccount(
      admin,
      company({ legalName: 'Subsidiary', parentId: group.id }),
    );
    const ownParent = await rejectionOf(
      services.accounts.updateAccount(admin, { id: group.id, parentId: group.id }),
    );
    const loop = await rejectionOf(
      services.accounts.updateAccount(admin, { id: group.id, parentId: subsidiary.id }),
    );
    for (const rejection of [ownParent, loop]) {
      expect(rejection.fields).toEqual([
        { field: 'input.parentId', message: 'would put the account below itself in the hierarchy' },
      ]);
    }
  });

  it('never lets two concurrent re-parentings close a loop: one wins, the other is refused on parentId', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async (_, n) => [
        await services.accounts.createAccount(admin, company({ legalName: `Loop A${n}` })),
        await services.accounts.createAccount(admin, company({ legalName: `Loop B${n}` })),
      ]),
    );
    const outcomes = await Promise.all(
      pairs.flatMap(([a, b]) =>
        [
          [a, b],
          [b, a],
        ].map(([child, parent]) =>
          services.accounts.updateAccount(admin, { id: child?.id ?? '', parentId: parent?.id }).then(
            () => 'ok',
            (error: { fields?: { field: string; message: string }[] }) => error.fields,
          ),
        ),
      ),
    );
    for (let n = 0; n < pairs.length; n += 1) {
      expect(outcomes.slice(2 * n, 2 * n + 2)).toEqual(
        expect.arrayContaining([
          'ok',
          [{ field: 'input.parentId', message: 'would put the account below itself in the hierarchy' }],
        ]),
      );
    }
    const loops = await db.ownerQuery(
      `SELECT a.id FROM accounts a JOIN accounts p ON p.tenant_id = a.tenant_id AND p.id = a.parent_id
       WHERE p.parent_id = a.id`,
    );
    expect(loops).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id, malformed ids included', async () => {
    for (const id of ['0190f7c2-0000-7000-8000-0000000000ee', 'not-an-id']) {
      expect(await rejectionOf(services.accounts.updateAccount(admin, { id, tier: 'GOLD' }))).toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });
});

describe('archiving accounts', () => {
  it('archives once (idempotently), hides the account from default lists, and refuses later changes', async () => {
    const created = await services.accounts.createAccount(admin, company({ legalName: 'Archive Me Ltd' }));
    const archived = await services.accounts.archiveAccount(admin, created.id);
    const again = await services.accounts.archiveAccount(admin, created.id);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(again.version).toBe(archived.version);

    const visible = await services.accounts.listAccounts(admin.tenantId, { search: 'Archive Me' }, 10, null);
    const all = await services.accounts.listAccounts(
      admin.tenantId,
      { search: 'Archive Me', includeArchived: true },
      10,
      null,
    );
    expect(visible.edges).toHaveLength(0);
    expect(all.edges.map((edge) => edge.node.id)).toEqual([created.id]);
    expect(
      await rejectionOf(services.accounts.updateAccount(admin, { id: created.id, tier: 'GOLD' })),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('events', () => {
  it('records AccountCreated, AccountUpdated and AccountArchived in the outbox with the right envelope', async () => {
    const created = await services.accounts.createAccount(
      admin,
      company({ legalName: 'Evented Co', tags: ['a'] }),
    );
    await services.accounts.updateAccount(admin, { id: created.id, tags: ['a', 'b'], tier: 'GOLD' });
    await services.accounts.archiveAccount(admin, created.id);

    const rows = await outboxRowsAbout(db, created.id);
    expect(rows.map((row) => [row.envelope.type, row.envelope.sequence])).toEqual([
      ['crm.accounts.AccountCreated.v1', '1'],
      ['crm.accounts.AccountUpdated.v1', '2'],
      ['crm.accounts.AccountArchived.v1', '3'],
    ]);
    for (const row of rows) {
      expect(row.topic).toBe('crm.accounts.events');
      expect(row.message_key).toBe(created.id);
      expect(row.envelope).toMatchObject({
        specversion: '1.0',
        source: 'crm/accounts',
        subject: created.id,
        tenantid: admin.tenantId,
        actorid: admin.userId,
        datacontenttype: 'application/json',
      });
    }
    const [createdEvent, updatedEvent, archivedEvent] = rows.map((row) => row.envelope.data);
    expect(createdEvent).toMatchObject({
      accountId: created.id,
      kind: 'COMPANY',
      salesModel: 'B2B',
      displayName: 'Evented Co',
      archived: false,
    });
    expect(updatedEvent).toMatchObject({ tags: ['a', 'b'], tier: 'GOLD', changedFields: ['tier', 'tags'] });
    expect(archivedEvent).toEqual({ accountId: created.id, salesModel: 'B2B' });
  });
});

describe('listing accounts', () => {
  let tenant: Caller;
  let owner: Caller;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tenant = (await signUpTenant(services, 'Listing Tenant')).admin;
    owner = await inviteMember(services, tenant, 'SALES_REP');
    const create = async (name: string, input: CreateAccountInput) => {
      ids[name] = (await services.accounts.createAccount(tenant, input)).id;
    };
    await create(
      'steel',
      company({
        legalName: 'Steel Co',
        industry: 'Manufacturing',
        tier: 'GOLD',
        tags: ['wholesale'],
        ownerId: owner.userId,
      }),
    );
    await create(
      'soft',
      company({ legalName: 'Soft Co', industry: 'Software', salesModel: 'B2C', lifecycleStage: 'CUSTOMER' }),
    );
    await create('ali', person({ tier: 'GOLD', tags: ['vip'], ownerId: owner.userId }));
    await create(
      'sara',
      person({ firstName: 'Sara', lifecycleStage: 'CHURNED', tags: ['vip', 'wholesale'] }),
    );
    await create('gone', company({ legalName: 'Gone Co' }));
    await services.accounts.archiveAccount(tenant, ids['gone'] as string);
  });

  const namesOf = async (filter: Parameters<AccountsServices['accounts']['listAccounts']>[1]) => {
    const page = await services.accounts.listAccounts(tenant.tenantId, filter, 100, null);
    const names = page.edges.map((edge) => Object.keys(ids).find((name) => ids[name] === edge.node.id));
    return { names, totalCount: await page.countTotal() };
  };

  it.each([
    ['no filter: live accounts, newest first', {}, ['sara', 'ali', 'soft', 'steel']],
    ['kind', { kind: 'PERSON' as const }, ['sara', 'ali']],
    ['salesModel', { salesModel: 'B2C' as const }, ['sara', 'ali', 'soft']],
    ['lifecycleStage', { lifecycleStage: 'CUSTOMER' as const }, ['soft']],
    ['tier', { tier: 'GOLD' }, ['ali', 'steel']],
    ['tag', { tag: 'wholesale' }, ['sara', 'steel']],
    ['industry', { industry: 'Software' }, ['soft']],
    ['includeArchived', { includeArchived: true }, ['gone', 'sara', 'ali', 'soft', 'steel']],
    ['combined filters', { kind: 'PERSON' as const, tag: 'vip', tier: 'GOLD' }, ['ali']],
  ])('filters by %s', async (_case, filter, expected) => {
    expect(await namesOf(filter)).toEqual({ names: expected, totalCount: expected.length });
  });

  it('filters by owner', async () => {
    expect((await namesOf({ ownerId: owner.userId })).names).toEqual(['ali', 'steel']);
  });

  it('walks every account exactly once with cursors, totalCount on every page', async () => {
    const walker = (await signUpTenant(services, 'Paging Tenant')).admin;
    const created: string[] = [];
    for (let n = 0; n < 23; n += 1)
      created.push((await services.accounts.createAccount(walker, company({ legalName: `Firm ${n}` }))).id);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await services.accounts.listAccounts(walker.tenantId, null, 5, after);
      expect(await page.countTotal()).toBe(23);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual([...created].reverse());
  });

  it('refuses a page over 100 and a cursor it did not issue, on the argument', async () => {
    expect(
      (await rejectionOf(services.accounts.listAccounts(tenant.tenantId, null, 101, null))).fields,
    ).toEqual([{ field: 'first', message: 'must be between 0 and 100' }]);
    expect(
      (await rejectionOf(services.accounts.listAccounts(tenant.tenantId, null, 10, 'bogus'))).fields,
    ).toEqual([{ field: 'after', message: 'is not a cursor this API returned' }]);
  });

  it('refuses a forged cursor with a date PostgreSQL cannot hold, on the argument', async () => {
    const forged = encodeCursor(['-271821-04-20T00:00:00.000Z', '0190f7c2-0000-7000-8000-000000000001']);
    expect(
      (await rejectionOf(services.accounts.listAccounts(tenant.tenantId, null, 10, forged))).fields,
    ).toEqual([{ field: 'after', message: 'is not a cursor this API returned' }]);
  });

  it.each([
    ['tier', { tier: 'GO\u0000LD' }],
    ['industry', { industry: 'Soft\u0000ware' }],
    ['tag', { tag: 'v\u0000ip' }],
    ['search', { search: 'sa\u0000ra' }],
  ])('refuses the NUL character in the %s filter, as BAD_USER_INPUT on that field', async (field, filter) => {
    const rejection = await rejectionOf(services.accounts.listAccounts(tenant.tenantId, filter, 10, null));
    expect(rejection).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: `filter.${field}` }] });
    expect(await rejectionOf(services.accounts.countAccounts(tenant.tenantId, filter))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: `filter.${field}` }],
    });
  });
});

describe('search', () => {
  let tenant: Caller;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tenant = (await signUpTenant(services, 'Search Tenant')).admin;
    const create = async (name: string, input: CreateAccountInput) => {
      ids[name] = (await services.accounts.createAccount(tenant, input)).id;
    };
    await create('arabicSpelling', company({ legalName: 'شركة كيان' }));
    await create('persianSpelling', company({ legalName: 'شرکت پارس داده' }));
    await create('ali', person({ firstName: 'علي', lastName: 'رضايي', phones: ['09121234567'] }));
    await create('latin', company({ legalName: 'Acme 100% Trading', emails: ['info@acme.example'] }));
  });

  const found = async (search: string) => {
    const page = await services.accounts.listAccounts(tenant.tenantId, { search }, 100, null);
    return page.edges.map((edge) => Object.keys(ids).find((name) => ids[name] === edge.node.id)).sort();
  };

  it.each([
    ['the Persian spelling of an Arabic-typed name', 'شرکت کیان', ['arabicSpelling']],
    ['the Arabic-typed spelling of a Persian name', 'شركة پارس', ['persianSpelling']],
    ['Persian yeh for Arabic yeh', 'علی رضایی', ['ali']],
    ['words in any order', 'کیان شرکت', ['arabicSpelling']],
    ['a phone typed with Persian digits', '۰۹۱۲۱۲۳۴۵۶۷', ['ali']],
    ['a phone in international form', '+98 912 123 4567', ['ali']],
    ['part of a phone', '1234567', ['ali']],
    ['part of an email', 'info@acme', ['latin']],
    ['any case', 'ACME trading', ['latin']],
    ['a LIKE wildcard, literally', '100%', ['latin']],
    ['a word in two names', 'شرکت', ['arabicSpelling', 'persianSpelling']],
    ['nothing for an unknown word', 'نیست', []],
    ['nothing for a lone LIKE wildcard', '_', []],
  ])('finds %s', async (_case, search, expected) => {
    expect(await found(search)).toEqual(expected);
  });

  it('stays index-backed at 100k accounts: search and listing read their indexes, as the application role', async () => {
    const big = (await signUpTenant(services, 'Big Tenant')).admin;
    await db.ownerQuery(
      `INSERT INTO "accounts" ("tenant_id", "id", "kind", "sales_model", "display_name", "legal_name", "emails", "phones",
         "addresses", "tags", "lifecycle_stage", "search_text", "version", "created_at")
       SELECT $1, gen_random_uuid(), 'COMPANY', 'B2B', 'Firm ' || n, 'Firm ' || n, '{}', '{}', '[]', '{}', 'PROSPECT',
         'firm ' || n || ' firm' || n || '@example.com 98912' || lpad(n::text, 7, '0'), 1, now() - n * interval '1 second'
       FROM generate_series(1, 100000) AS n`,
      [big.tenantId],
    );
    await db.ownerQuery('ANALYZE "accounts"');
    const scansOf = async (index: string) => {
      await db.ownerQuery('SELECT pg_stat_clear_snapshot()');
      const [row] = await db.ownerQuery<{ scans: number }>(
        `SELECT idx_scan::int AS scans FROM pg_stat_user_indexes WHERE indexrelname = $1`,
        [index],
      );
      return row?.scans ?? 0;
    };
    const searchScans = await scansOf('accounts_search_idx');
    const found = await services.accounts.listAccounts(big.tenantId, { search: 'firm4242@' }, 10, null);
    expect(found.edges.map((edge) => edge.node.displayName)).toEqual(['Firm 4242']);
    await eventually(
      'a search index scan',
      () => scansOf('accounts_search_idx'),
      (scans) => scans > searchScans,
    );

    const listingScans = await scansOf('accounts_listing_idx');
    const newest = await services.accounts.listAccounts(big.tenantId, null, 3, null);
    expect(newest.edges.map((edge) => edge.node.displayName)).toEqual(['Firm 1', 'Firm 2', 'Firm 3']);
    await eventually(
      'a listing index scan',
      () => scansOf('accounts_listing_idx'),
      (scans) => scans > listingScans,
    );
  });
});
