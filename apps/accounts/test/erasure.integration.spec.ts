import { v7 as uuidv7 } from 'uuid';
import { AccountErasureCompletedBy, LeadConverted } from '@crm/events';
import type { Caller } from '@crm/subgraph';
import { eventually, rejectionOf } from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { inviteMember, outboxRowsAbout, signUpTenant, testServices } from './support/accounts-fixtures';
import {
  eventOf,
  startAccountsKafkaHarness,
  type AccountsKafkaHarness,
} from './support/accounts-kafka-harness';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let kafka: AccountsKafkaHarness;
let server: AccountsTestServer;
let admin: Caller;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services, 'Erasure Tenant')).admin;
  kafka = await startAccountsKafkaHarness(db);
  server = await startAccountsTestServer(db);
});

afterAll(async () => {
  await server.subgraph.stop();
  await kafka.stop();
  await db.close();
});

const PERSONAL_VALUES = ['Niloufar', 'Jafari', 'niloufar@mail.example', '+989121112233', 'Enghelab'];

/** A customer with personal data everywhere accounts keeps it: names, emails, phones, address, birth date. */
async function customerWithContacts() {
  const account = await services.accounts.createAccount(admin, {
    kind: 'PERSON',
    firstName: 'Niloufar',
    lastName: 'Jafari',
    birthDate: '1991-02-03',
    emails: ['niloufar@mail.example'],
    phones: ['09121112233'],
    addresses: [{ label: 'Home', line1: 'Enghelab St. 7', city: 'Tehran', country: 'IR' }],
    tags: ['vip'],
    customFields: { note: 'prefers Niloufar' },
  });
  const contact = await services.contacts.createContact(admin, {
    accountId: account.id,
    firstName: 'Niloufar',
    lastName: 'Jafari',
    jobTitle: 'Owner',
    emails: ['niloufar@mail.example'],
    phones: ['09121112233'],
  });
  await markOutboxPublished();
  return { account, contact };
}

/** What the outbox relay does with the rows it sent to Kafka (kept a few days, then deleted). */
async function markOutboxPublished(): Promise<void> {
  await db.ownerQuery(`UPDATE "outbox" SET "published_at" = now() WHERE "published_at" IS NULL`);
}

/** Every row of the tenant that mentions any of the values, in any table accounts keeps data in. */
async function rowsMentioning(values: string[]): Promise<unknown[]> {
  const found: unknown[] = [];
  for (const table of ['accounts', 'contacts', 'outbox']) {
    const rows = await db.ownerQuery(
      `SELECT * FROM "${table}" t WHERE "tenant_id" = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) v WHERE t::text ILIKE '%' || v || '%')`,
      [admin.tenantId, values],
    );
    found.push(...rows);
  }
  return found;
}

describe('eraseAccount', () => {
  it('anonymises the account and its contacts, publishes AccountErased with ids only, and acknowledges for accounts', async () => {
    const { account, contact } = await customerWithContacts();
    await markOutboxPublished();

    expect(await services.erasures.eraseAccount(admin, account.id)).toBe(true);

    const [erased] = await services.accounts.findByIds(admin.tenantId, [account.id]);
    expect(erased).toMatchObject({
      kind: 'PERSON',
      displayName: 'Erased account',
      firstName: null,
      lastName: null,
      birthDate: null,
      emails: [],
      phones: [],
      addresses: [],
      tags: [],
      customFields: null,
      searchText: '',
    });
    expect(erased?.archivedAt).not.toBeNull();
    expect(await rowsMentioning(PERSONAL_VALUES)).toEqual([]);
    const search = await services.accounts.listAccounts(
      admin.tenantId,
      { search: 'Niloufar', includeArchived: true },
      10,
      null,
    );
    expect(search.edges).toEqual([]);

    const [event] = await outboxRowsAbout(db, account.id);
    expect(event?.envelope).toMatchObject({
      type: 'crm.accounts.AccountErased.v1',
      data: { accountId: account.id, contactIds: [contact.id], salesModel: 'B2C' },
    });
    const status = await services.erasures.erasureStatus(admin, account.id);
    expect(status.map((ack) => [ack.service, ack.completedAt !== null])).toEqual([
      ['accounts', true],
      ['interactions', false],
      ['pipeline', false],
      ['orders', false],
      ['marketing', false],
      ['analytics', false],
    ]);
  });

  it('records every other service’s acknowledgement from its topic, once', async () => {
    const { account } = await customerWithContacts();
    await services.erasures.eraseAccount(admin, account.id);
    const consumed = () => kafka.consumer.metrics.processed + kafka.consumer.metrics.duplicatesSkipped;
    const consumedBefore = consumed();
    const completedAt = '2026-11-26T12:00:00.000Z';
    const others = ['interactions', 'pipeline', 'orders', 'marketing', 'analytics'] as const;
    for (const service of others) {
      const acknowledgement = eventOf(AccountErasureCompletedBy[service], {
        tenantId: admin.tenantId,
        aggregateId: account.id,
        data: { accountId: account.id, service, completedAt },
      });
      await kafka.publish(acknowledgement);
      if (service === 'orders') await kafka.publish(acknowledgement); // redelivered
    }

    const status = await eventually(
      'every acknowledgement recorded',
      () => services.erasures.erasureStatus(admin, account.id),
      (acks) => acks.every((ack) => ack.completedAt !== null),
    );
    // The redelivered copy too, so that it cannot be counted during a later test.
    await eventually('the redelivery consumed', consumed, (count) => count >= consumedBefore + 6);
    expect(status.filter((ack) => ack.service !== 'accounts')).toEqual(
      others.map((service) => ({ service, completedAt: new Date(completedAt) })),
    );
    const [row] = await db.ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS count FROM "erasure_acknowledgements" WHERE "account_id" = $1`,
      [account.id],
    );
    expect(row?.count).toBe(6);
  });

  it('does not bring the data back when the lead conversion that created the account is replayed', async () => {
    const accountId = uuidv7();
    const contactId = uuidv7();
    const lead = {
      leadId: uuidv7(),
      status: 'QUALIFIED' as const,
      source: 'WEB' as const,
      salesModel: 'B2C' as const,
      companyName: null,
      firstName: 'Kaveh',
      lastName: 'Moradi',
      email: 'kaveh@mail.example',
      phone: null,
      campaignId: null,
      score: null,
      ownerId: null,
      customFields: {},
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    const conversion = () =>
      eventOf(LeadConverted, {
        tenantId: admin.tenantId,
        aggregateId: lead.leadId,
        data: {
          lead,
          accountId,
          existingAccount: false,
          contactId,
          opportunityId: uuidv7(),
          convertedAt: '2026-11-02T00:00:00.000Z',
        },
      });
    // Waiting on the event's own inbox row, not on a counter a late delivery from another test moves.
    const consumed = async (eventId: string) => {
      await eventually(
        `event ${eventId} consumed`,
        () => db.ownerQuery(`SELECT 1 FROM "inbox" WHERE "event_id" = $1`, [eventId]),
        (rows) => rows.length === 1,
      );
    };
    const original = conversion();
    await kafka.publish(original);
    await consumed(original.id);
    await markOutboxPublished();
    await services.erasures.eraseAccount(admin, accountId);

    const replay = conversion(); // as a new consumer group would see it: a new event id
    await kafka.publish(replay);
    await consumed(replay.id);

    expect(await rowsMentioning(['Kaveh', 'Moradi', 'kaveh@mail.example'])).toEqual([]);
    expect(await db.ownerQuery(`SELECT "id" FROM "contacts" WHERE "account_id" = $1`, [accountId])).toEqual([
      { id: contactId },
    ]);
  });

  it('is idempotent: erasing again changes and publishes nothing', async () => {
    const { account } = await customerWithContacts();
    await services.erasures.eraseAccount(admin, account.id);
    const outbox = await db.countRows('outbox');
    const [before] = await services.accounts.findByIds(admin.tenantId, [account.id]);
    expect(await services.erasures.eraseAccount(admin, account.id)).toBe(true);
    const [after] = await services.accounts.findByIds(admin.tenantId, [account.id]);
    expect(after?.version).toBe(before?.version);
    expect(await db.countRows('outbox')).toBe(outbox);
  });

  it('also erases the accounts merged into the one erased', async () => {
    const { account: survivor } = await customerWithContacts();
    const { account: duplicate } = await customerWithContacts();
    await services.merges.mergeAccounts(admin, survivor.id, [duplicate.id], null);
    await markOutboxPublished();
    await services.erasures.eraseAccount(admin, survivor.id);

    expect(await rowsMentioning(PERSONAL_VALUES)).toEqual([]);
    const erased = (await outboxRowsAbout(db, duplicate.id)).filter(
      (row) => row.envelope.type === 'crm.accounts.AccountErased.v1',
    );
    expect(erased).toHaveLength(1);
    expect((await rejectionOf(services.erasures.eraseAccount(admin, duplicate.id))).code).toBe('CONFLICT');
  });

  it('is for ADMINs only: FORBIDDEN for every other role, and nothing written', async () => {
    const { account } = await customerWithContacts();
    const outbox = await db.countRows('outbox');
    for (const role of ['MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'] as const) {
      const member = await inviteMember(services, admin, role);
      const result = await server.request(
        `mutation ($id: ID!) { eraseAccount(id: $id) }`,
        { id: account.id },
        await server.tokenFor(member),
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const [unchanged] = await services.accounts.findByIds(admin.tenantId, [account.id]);
    expect(unchanged).toMatchObject({ firstName: 'Niloufar', version: 1 });
    const requests = await db.ownerQuery(`SELECT 1 FROM "erasure_requests" WHERE "account_id" = $1`, [
      account.id,
    ]);
    expect(requests).toEqual([]);
    expect(await db.countRows('outbox')).toBe(outbox);

    const result = await server.request(
      `mutation ($id: ID!) { eraseAccount(id: $id) }`,
      { id: account.id },
      await server.tokenFor(admin),
    );
    expect(result.data).toEqual({ eraseAccount: true });
  });

  it('cannot be used on, or report about, another tenant’s account; unknown ids are NOT_FOUND', async () => {
    const { account } = await customerWithContacts();
    const other = (await signUpTenant(services, 'Other Tenant')).admin;
    expect((await rejectionOf(services.erasures.eraseAccount(other, account.id))).code).toBe('NOT_FOUND');
    expect((await rejectionOf(services.erasures.erasureStatus(other, account.id))).code).toBe('NOT_FOUND');
    expect((await rejectionOf(services.erasures.eraseAccount(admin, uuidv7()))).code).toBe('NOT_FOUND');
    expect((await rejectionOf(services.erasures.eraseAccount(admin, 'not-an-id'))).code).toBe('NOT_FOUND');
    const [untouched] = await services.accounts.findByIds(admin.tenantId, [account.id]);
    expect(untouched).toMatchObject({ firstName: 'Niloufar', version: 1 });
    expect(await services.erasures.erasureStatus(admin, account.id)).toEqual([]);
  });
});
