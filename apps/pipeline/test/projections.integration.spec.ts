import { v7 as uuidv7 } from 'uuid';
import {
  AccountArchived,
  AccountCreated,
  AccountErased,
  AccountMerged,
  createEnvelope,
  deadLetterTopic,
  eventsTopic,
  PriceListUpdated,
  ProductUpserted,
  type EventData,
  type EventDefinition,
} from '@crm/events';
import { createKafka, toKafkaMessage, type EventConsumer } from '@crm/messaging';
import { createLogger, type Caller } from '@crm/subgraph';
import {
  accountSnapshotFixture,
  createTestTopics,
  deleteTestTopics,
  eventually,
  produceRawMessages,
  testKafkaBrokers,
  uniqueKafkaName,
} from '@crm/testing';
import { createPipelineConsumer } from '../src/events/consumers';
import type { PipelineServices } from '../src/services';
import { newTenantCaller, outboxRowsAbout, testServices } from './support/pipeline-fixtures';
import { createPipelineTestDatabase, type PipelineTestDatabase } from './support/pipeline-test-database';

/**
 * The consumer of accounts' and orders' events, against real Kafka: projections for prices and
 * accounts, merges and erasures, each applied once however often it is delivered.
 */
let db: PipelineTestDatabase;
let services: PipelineServices;
let consumer: EventConsumer;
let rep: Caller;
const prefix = `${uniqueKafkaName('pipeline-projections')}.`;
const accountsTopic = prefix + eventsTopic('accounts');
const ordersTopic = prefix + eventsTopic('orders');
const topics = [accountsTopic, ordersTopic, deadLetterTopic(accountsTopic), deadLetterTopic(ordersTopic)];

function message<TDefinition extends EventDefinition>(
  definition: TDefinition,
  tenantId: string,
  aggregateId: string,
  data: EventData<TDefinition>,
) {
  return toKafkaMessage(
    createEnvelope(definition, { tenantId, actorId: 'system', aggregateId, aggregateVersion: 1, data }),
  );
}

async function inboxCount(tenantId: string): Promise<number> {
  const [row] = await db.ownerQuery<{ count: number }>(
    `SELECT count(*)::int AS "count" FROM "inbox" WHERE "tenant_id" = $1`,
    [tenantId],
  );
  return row?.count ?? 0;
}

function waitForInbox(tenantId: string, count: number): Promise<number> {
  return eventually(
    `${count} events applied`,
    () => inboxCount(tenantId),
    (applied) => applied >= count,
    {
      timeoutMs: 30_000,
    },
  );
}

beforeAll(async () => {
  db = await createPipelineTestDatabase();
  services = testServices(db.database);
  rep = newTenantCaller('SALES_REP');
  await createTestTopics(topics);
  consumer = createPipelineConsumer({
    kafka: createKafka({
      brokers: testKafkaBrokers(),
      clientId: 'pipeline-projection-tests',
      logger: createLogger('test', 'silent'),
    }),
    database: db.database,
    logger: createLogger('pipeline-test', 'silent'),
    topicPrefix: prefix,
    consumerConfig: {
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 200,
    },
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await deleteTestTopics(topics);
  await db.close();
});

describe('price projection from orders events', () => {
  it('prices quote lines from the projected list, replaces the list on update, and ignores redeliveries', async () => {
    const tenant = newTenantCaller('SALES_REP');
    const [productId, listId, accountId] = [uuidv7(), uuidv7(), uuidv7()];
    const product = message(ProductUpserted, tenant.tenantId, productId, {
      productId,
      sku: 'BEAM-1',
      name: 'Steel beam',
      type: 'GOODS',
      category: null,
      unit: 'piece',
      taxRatePercent: 9,
      active: true,
    });
    const list = (price: string) =>
      message(PriceListUpdated, tenant.tenantId, listId, {
        priceListId: listId,
        name: 'Wholesale',
        salesModel: 'B2B',
        tier: null,
        currency: 'IRR',
        taxInclusive: false,
        isDefault: true,
        entries: [{ productId, minQuantity: 1, unitPriceMinor: price }],
      });
    const firstList = list('1000000');
    await produceRawMessages(ordersTopic, [product, firstList, product, firstList]);
    await waitForInbox(tenant.tenantId, 2);
    await eventually(
      'redeliveries skipped',
      () => consumer.metrics.duplicatesSkipped,
      (skipped) => skipped >= 2,
    );

    const deal = await services.opportunities.createOpportunity(tenant, {
      name: 'Deal',
      accountId,
      currency: 'IRR',
    });
    const first = await services.quotes.createQuote(tenant, {
      opportunityId: deal.id,
      lineItems: [{ productId, quantity: 2 }],
    });
    expect(first).toMatchObject({ subtotalMinor: '2000000', taxMinor: '180000', totalMinor: '2180000' });

    await produceRawMessages(ordersTopic, [list('1200000')]);
    await waitForInbox(tenant.tenantId, 3);
    const second = await services.quotes.createQuote(tenant, {
      opportunityId: deal.id,
      lineItems: [{ productId, quantity: 1 }],
    });
    expect(second.subtotalMinor).toBe('1200000');
    const entries = await db.ownerQuery(
      `SELECT "unit_price_minor" FROM "price_list_entries" WHERE "tenant_id" = $1`,
      [tenant.tenantId],
    );
    expect(entries).toEqual([{ unit_price_minor: '1200000' }]);
  });
});

describe('accounts events', () => {
  it('projects sales model, tier and archiving of accounts', async () => {
    const tenant = newTenantCaller('SALES_REP');
    const [gold, archived] = [uuidv7(), uuidv7()];
    await produceRawMessages(accountsTopic, [
      message(
        AccountCreated,
        tenant.tenantId,
        gold,
        accountSnapshotFixture(gold, { tier: 'GOLD', salesModel: 'B2C', kind: 'PERSON' }),
      ),
      message(AccountCreated, tenant.tenantId, archived, accountSnapshotFixture(archived)),
      message(AccountArchived, tenant.tenantId, archived, { accountId: archived, salesModel: 'B2B' }),
    ]);
    await waitForInbox(tenant.tenantId, 3);

    const profiles = await db.ownerQuery(
      `SELECT "account_id", "sales_model", "tier", "archived" FROM "account_profiles" WHERE "tenant_id" = $1 ORDER BY "account_id"`,
      [tenant.tenantId],
    );
    expect(profiles).toEqual([
      { account_id: gold, sales_model: 'B2C', tier: 'GOLD', archived: false },
      { account_id: archived, sales_model: 'B2B', tier: null, archived: true },
    ]);
    const refused = services.opportunities.createOpportunity(tenant, { name: 'Nope', accountId: archived });
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('re-points opportunities and converted leads of merged accounts to the survivor, once', async () => {
    const [survivor, merged] = [uuidv7(), uuidv7()];
    const deal = await services.opportunities.createOpportunity(rep, { name: 'Deal', accountId: merged });
    const lead = await services.leads.createLead(rep, {
      source: 'WEB',
      salesModel: 'B2B',
      companyName: 'Dup Co',
    });
    await services.leads.convertLead(rep, { leadId: lead.id, existingAccountId: merged });
    const before = await inboxCount(rep.tenantId);

    const merge = message(AccountMerged, rep.tenantId, survivor, {
      survivorId: survivor,
      mergedIds: [merged],
      movedContactIds: [],
      survivor: accountSnapshotFixture(survivor),
    });
    await produceRawMessages(accountsTopic, [merge, merge]);
    await waitForInbox(rep.tenantId, before + 1);

    const [moved] = await services.opportunityReads.findByIds(rep.tenantId, [deal.id]);
    expect(moved?.accountId).toBe(survivor);
    const [repointedLead] = await services.leads.findByIds(rep.tenantId, [lead.id]);
    expect(repointedLead?.convertedAccountId).toBe(survivor);
    const pages = await services.opportunityReads.pagesByAccount(rep.tenantId, [survivor, merged], {
      open: null,
      pageSize: 10,
      afterId: null,
    });
    expect(pages.map((page) => page.length)).toEqual([2, 0]);
  });

  it('erases personal data of an erased account and its contacts, keeps the amounts, and acknowledges', async () => {
    const lead = await services.leads.createLead(rep, {
      source: 'EVENT',
      salesModel: 'B2C',
      firstName: 'Sara',
      lastName: 'Ahmadi',
      email: 'sara@example.com',
      phone: '+989123456789',
      customFields: { note: 'met at the fair' },
    });
    const deal = await services.leads.convertLead(rep, {
      leadId: lead.id,
      opportunityName: 'Sara Ahmadi kitchen',
      amountMinor: '750000',
    });
    const [roles] = await services.opportunityReads.contactRolesOf(rep.tenantId, [deal.id]);
    const contactId = roles?.[0]?.contactId as string;
    const before = await inboxCount(rep.tenantId);

    await produceRawMessages(accountsTopic, [
      message(AccountErased, rep.tenantId, deal.accountId, {
        accountId: deal.accountId,
        contactIds: [contactId],
        salesModel: 'B2C',
        requestedAt: new Date().toISOString(),
      }),
    ]);
    await waitForInbox(rep.tenantId, before + 1);

    const [erasedLead] = await services.leads.findByIds(rep.tenantId, [lead.id]);
    expect(erasedLead).toMatchObject({
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      customFields: {},
    });
    const [erasedDeal] = await services.opportunityReads.findByIds(rep.tenantId, [deal.id]);
    expect(erasedDeal).toMatchObject({ name: '[erased]', amountMinor: '750000' });
    expect(await services.opportunityReads.contactRolesOf(rep.tenantId, [deal.id])).toEqual([[]]);
    const [ack] = await outboxRowsAbout(db, deal.accountId);
    expect(ack).toMatchObject({
      topic: 'crm.pipeline.events',
      envelope: {
        type: 'crm.pipeline.AccountErasureCompleted.v1',
        data: { accountId: deal.accountId, service: 'pipeline' },
      },
    });
  });
});
