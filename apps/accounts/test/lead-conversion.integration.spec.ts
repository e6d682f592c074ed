import { v7 as uuidv7 } from 'uuid';
import { LeadConverted, type EventData } from '@crm/events';
import type { Caller } from '@crm/subgraph';
import { eventually } from '@crm/testing';
import { LEAD_CONVERSION_KEY } from '../src/lead-conversion/lead-conversion.mapping';
import type { AccountsServices } from '../src/services';
import { inviteMember, outboxRowsAbout, signUpTenant, testServices } from './support/accounts-fixtures';
import {
  eventOf,
  startAccountsKafkaHarness,
  type AccountsKafkaHarness,
} from './support/accounts-kafka-harness';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let kafka: AccountsKafkaHarness;
let admin: Caller;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  admin = (await signUpTenant(services, 'Lead Conversion Tenant')).admin;
  kafka = await startAccountsKafkaHarness(db);
});

afterAll(async () => {
  await kafka.stop();
  await db.close();
});

type Conversion = EventData<typeof LeadConverted>;

function conversion(overrides: Partial<Conversion> = {}, lead: Partial<Conversion['lead']> = {}): Conversion {
  return {
    lead: {
      leadId: uuidv7(),
      status: 'QUALIFIED',
      source: 'CAMPAIGN',
      salesModel: 'B2B',
      companyName: 'شركة كيان',
      firstName: 'Sara',
      lastName: 'Karimi',
      email: 'Sara@Kian.example',
      phone: '0912 345 6789',
      campaignId: uuidv7(),
      score: 72,
      ownerId: null,
      customFields: { budget: '5bn IRR', interests: ['steel', 'pipes'] },
      createdAt: '2026-11-20T08:00:00.000Z',
      ...lead,
    },
    accountId: uuidv7(),
    existingAccount: false,
    contactId: uuidv7(),
    opportunityId: uuidv7(),
    convertedAt: '2026-11-26T09:30:00.000Z',
    ...overrides,
  };
}

function leadConverted(tenantId: string, data: Conversion) {
  return eventOf(LeadConverted, { tenantId, aggregateId: data.lead.leadId, data });
}

async function accountRow(id: string) {
  const [row] = await db.ownerQuery(`SELECT * FROM "accounts" WHERE "id" = $1`, [id]);
  return row;
}

async function contactRows(accountId: string) {
  return db.ownerQuery(`SELECT * FROM "contacts" WHERE "account_id" = $1 ORDER BY "created_at"`, [accountId]);
}

function processedEvents(): number {
  return kafka.consumer.metrics.processed + kafka.consumer.metrics.duplicatesSkipped;
}

/** Publishes and waits until the consumer has taken the event (applied or skipped as a duplicate). */
async function deliver(event: ReturnType<typeof leadConverted>): Promise<void> {
  const before = processedEvents();
  await kafka.publish(event);
  await eventually('the event consumed', processedEvents, (count) => count > before);
}

describe('pipeline.LeadConverted consumed from Kafka', () => {
  it('creates a B2B company account and its contact with exactly the given ids, losing no lead field', async () => {
    const owner = await inviteMember(services, admin, 'SALES_REP');
    const data = conversion({}, { ownerId: owner.userId });
    await deliver(leadConverted(admin.tenantId, data));

    const [account] = await services.accounts.findByIds(admin.tenantId, [data.accountId]);
    expect(account).toMatchObject({
      id: data.accountId,
      kind: 'COMPANY',
      salesModel: 'B2B',
      legalName: 'شركة كيان',
      displayName: 'شركة كيان',
      ownerId: owner.userId,
      emails: [],
      phones: [],
      customFields: {
        budget: '5bn IRR',
        interests: ['steel', 'pipes'],
        [LEAD_CONVERSION_KEY]: {
          leadId: data.lead.leadId,
          opportunityId: data.opportunityId,
          source: 'CAMPAIGN',
          campaignId: data.lead.campaignId,
          score: 72,
          leadStatus: 'QUALIFIED',
          leadCreatedAt: data.lead.createdAt,
          convertedAt: data.convertedAt,
        },
      },
    });
    expect(await contactRows(data.accountId)).toEqual([
      expect.objectContaining({
        id: data.contactId,
        first_name: 'Sara',
        last_name: 'Karimi',
        emails: ['sara@kian.example'],
        phones: ['+989123456789'],
        is_primary: true,
      }),
    ]);
    const published = [
      ...(await outboxRowsAbout(db, data.accountId)),
      ...(await outboxRowsAbout(db, data.contactId ?? '')),
    ].map((row) => row.envelope.type);
    expect(published).toEqual(['crm.accounts.AccountCreated.v1', 'crm.accounts.ContactCreated.v1']);
  });

  it('makes a PERSON account for a B2C lead, keeping the company name and an invalid phone in custom fields', async () => {
    const data = conversion(
      { contactId: null },
      { salesModel: 'B2C', companyName: 'Some Shop', phone: '12', customFields: {} },
    );
    await deliver(leadConverted(admin.tenantId, data));

    expect(await accountRow(data.accountId)).toMatchObject({
      kind: 'PERSON',
      sales_model: 'B2C',
      first_name: 'Sara',
      last_name: 'Karimi',
      display_name: 'Sara Karimi',
      emails: ['sara@kian.example'],
      phones: [],
      custom_fields: {
        [LEAD_CONVERSION_KEY]: expect.objectContaining({ companyName: 'Some Shop', phone: '12' }),
      },
    });
    expect(await contactRows(data.accountId)).toEqual([]);
  });

  it('makes a PERSON account for a B2B lead without a company name', async () => {
    const data = conversion({}, { companyName: null });
    await deliver(leadConverted(admin.tenantId, data));
    expect(await accountRow(data.accountId)).toMatchObject({ kind: 'PERSON', sales_model: 'B2B' });
  });

  it('creates nothing twice when the same event, or another event with the same ids, is delivered again', async () => {
    const data = conversion();
    const event = leadConverted(admin.tenantId, data);
    await deliver(event);
    const [accounts, contacts, outbox] = [
      await db.countRows('accounts'),
      await db.countRows('contacts'),
      await db.countRows('outbox'),
    ];

    await deliver(event); // the inbox skips it
    await deliver(leadConverted(admin.tenantId, data)); // a new event id: the ids make it a no-op

    expect(await db.countRows('accounts')).toBe(accounts);
    expect(await db.countRows('contacts')).toBe(contacts);
    expect(await db.countRows('outbox')).toBe(outbox);
    expect(kafka.consumer.metrics.duplicatesSkipped).toBeGreaterThanOrEqual(1);
  });

  it('links the new contact to an existing account, leaving the account as it was', async () => {
    const existing = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Existing Co',
    });
    await services.contacts.createContact(admin, {
      accountId: existing.id,
      firstName: 'First',
      lastName: 'Contact',
      isPrimary: true,
    });
    const data = conversion({ accountId: existing.id, existingAccount: true });
    await deliver(leadConverted(admin.tenantId, data));

    expect(await accountRow(existing.id)).toMatchObject({ legal_name: 'Existing Co', version: 1 });
    const contacts = await contactRows(existing.id);
    expect(contacts.map((contact) => [contact.first_name, contact.is_primary])).toEqual([
      ['First', true],
      ['Sara', false],
    ]);
    expect(contacts[1]).toMatchObject({ id: data.contactId });
  });

  it('attaches the contact to the survivor when the existing account has been merged', async () => {
    const survivor = await services.accounts.createAccount(admin, {
      kind: 'COMPANY',
      legalName: 'Survivor Co',
    });
    const merged = await services.accounts.createAccount(admin, { kind: 'COMPANY', legalName: 'Merged Co' });
    await services.merges.mergeAccounts(admin, survivor.id, [merged.id], null);
    const data = conversion({ accountId: merged.id, existingAccount: true });
    await deliver(leadConverted(admin.tenantId, data));

    expect(await contactRows(survivor.id)).toEqual([expect.objectContaining({ id: data.contactId })]);
    expect(await contactRows(merged.id)).toEqual([]);
  });

  it('dead-letters a conversion into an existing account that does not exist, writes nothing, and moves on', async () => {
    const [accounts, contacts, outbox] = [
      await db.countRows('accounts'),
      await db.countRows('contacts'),
      await db.countRows('outbox'),
    ];
    const deadLetteredBefore = kafka.consumer.metrics.deadLettered;
    await kafka.publish(
      leadConverted(admin.tenantId, conversion({ accountId: uuidv7(), existingAccount: true })),
    );
    await eventually(
      'the broken conversion dead-lettered',
      () => kafka.consumer.metrics.deadLettered,
      (count) => count > deadLetteredBefore,
      { timeoutMs: 30_000 },
    );
    expect(await db.countRows('accounts')).toBe(accounts);
    expect(await db.countRows('contacts')).toBe(contacts);
    expect(await db.countRows('outbox')).toBe(outbox);

    const next = conversion();
    await deliver(leadConverted(admin.tenantId, next));
    expect(await accountRow(next.accountId)).toMatchObject({ id: next.accountId });
  });

  it('creates the account in the tenant of the event only', async () => {
    const other = (await signUpTenant(services, 'Other Tenant')).admin;
    const data = conversion();
    await deliver(leadConverted(other.tenantId, data));

    expect(await services.accounts.findByIds(admin.tenantId, [data.accountId])).toEqual([null]);
    const [inOther] = await services.accounts.findByIds(other.tenantId, [data.accountId]);
    expect(inOther?.tenantId).toBe(other.tenantId);
  });
});
