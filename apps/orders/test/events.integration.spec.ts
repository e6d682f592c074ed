import { randomUUID } from 'node:crypto';
import { AccountErased, AccountMerged, AccountUpdated, QuoteAccepted, type EventData } from '@crm/events';
import type { Caller } from '@crm/subgraph';
import { accountSnapshotFixture, eventually } from '@crm/testing';
import type { OrdersServices } from '../src/services';
import {
  callerOf,
  envelopeOf,
  eventTypes,
  knownAccount,
  outboxRowsAbout,
  seedCatalog,
  testServices,
  type Catalog,
} from './support/orders-fixtures';
import { startOrdersKafkaHarness, type OrdersKafkaHarness } from './support/orders-kafka-harness';
import { createOrdersTestDatabase, type OrdersTestDatabase } from './support/orders-test-database';

let db: OrdersTestDatabase;
let services: OrdersServices;
let kafka: OrdersKafkaHarness;
let admin: Caller;
let catalog: Catalog;

beforeAll(async () => {
  db = await createOrdersTestDatabase();
  services = testServices(db);
  admin = callerOf(randomUUID());
  catalog = await seedCatalog(services, admin);
  kafka = await startOrdersKafkaHarness(db);
});

afterAll(async () => {
  // Absent when beforeAll failed: let its error be the one reported.
  await kafka?.stop();
  await db?.close();
});

function acceptedQuote(accountId: string, productId: string | null): EventData<typeof QuoteAccepted> {
  const irr = (amountMinor: string) => ({ amountMinor, currency: 'IRR' });
  return {
    quoteId: randomUUID(),
    number: 'Q-0001',
    opportunityId: randomUUID(),
    opportunityName: 'Steel pipes 2027',
    accountId,
    salesModel: 'B2B',
    subtotal: irr('12000000'),
    discount: irr('1200000'),
    tax: irr('972000'),
    total: irr('11772000'),
    validUntil: null,
    contactId: randomUUID(),
    ownerId: randomUUID(),
    lines: [
      {
        productId,
        description: 'Pipe 40mm, negotiated',
        quantity: 10,
        unitPrice: irr('1000000'),
        discountPercent: 10,
        taxRatePercent: 9,
        tax: irr('810000'),
        total: irr('9810000'),
      },
      {
        productId: null,
        description: 'On-site installation',
        quantity: 1,
        unitPrice: irr('2000000'),
        discountPercent: 10,
        taxRatePercent: 9,
        tax: irr('162000'),
        total: irr('1962000'),
      },
    ],
    acceptedAt: '2026-11-26T10:00:00.000Z',
  };
}

/** Events the consumer has finished with so far: applied, or skipped as duplicates. */
function handledEvents(): number {
  const metrics = kafka.consumer.metrics;
  return metrics.processed + metrics.duplicatesSkipped;
}

async function untilHandled(count: number, before: number): Promise<void> {
  await eventually(`${count} more events handled`, handledEvents, (handled) => handled >= before + count);
}

function ordersOfQuote(quoteId: string) {
  return db.ownerQuery<{ id: string; total_minor: string; opportunity_id: string; number: string }>(
    `SELECT "id", "total_minor", "opportunity_id", "number" FROM "orders" WHERE "tenant_id" = $1 AND "quote_id" = $2`,
    [admin.tenantId, quoteId],
  );
}

describe('orders consuming other services’ events through Kafka', () => {
  it('prices an account by the tier accounts last announced', async () => {
    const accountId = await knownAccount(db, admin.tenantId, 'B2B');
    await kafka.deliver(
      envelopeOf(AccountUpdated, admin.tenantId, accountId, {
        ...accountSnapshotFixture(accountId, { tier: 'GOLD' }),
        changedFields: ['tier'],
      }),
    );
    const price = await eventually(
      'the GOLD price',
      () => services.priceLists.price(admin.tenantId, catalog.widget, accountId, 1),
      (money) => money.amountMinor === '800000',
    );
    expect(price).toEqual({ amountMinor: '800000', currency: 'IRR' });
  });

  it('turns an accepted quote into one order at the quoted prices, however often it arrives', async () => {
    const accountId = await knownAccount(db, admin.tenantId, 'B2B');
    const quote = acceptedQuote(accountId, catalog.widget);
    const event = envelopeOf(QuoteAccepted, admin.tenantId, quote.quoteId, quote);
    const before = handledEvents();
    await kafka.deliver(event);
    await kafka.deliver(event); // the same event again (a relay retry)
    await kafka.deliver(envelopeOf(QuoteAccepted, admin.tenantId, quote.quoteId, quote)); // a second event for the quote
    await untilHandled(3, before);

    const orders = await ordersOfQuote(quote.quoteId);
    expect(orders).toEqual([
      expect.objectContaining({ total_minor: '11772000', opportunity_id: quote.opportunityId }),
    ]);
    const orderId = orders[0]?.id ?? '';
    const [lines] = await services.orderReads.linesByOrders(admin.tenantId, [orderId]);
    expect(lines?.map((line) => [line.sku, line.description, line.unitPriceMinor, line.totalMinor])).toEqual([
      ['W-1', 'Pipe 40mm, negotiated', '1000000', '9810000'],
      ['QUOTED-ITEM', 'On-site installation', '2000000', '1962000'],
    ]);
    const [placed] = await outboxRowsAbout(db, orderId);
    expect(placed?.envelope.data).toMatchObject({
      quoteId: quote.quoteId,
      opportunityId: quote.opportunityId,
      channel: 'SALES_REP',
    });
  });

  it('re-points a merged account’s orders to the survivor', async () => {
    const survivor = await knownAccount(db, admin.tenantId, 'B2B');
    const duplicate = await knownAccount(db, admin.tenantId, 'B2B');
    const order = await services.orders.placeOrder(admin, {
      accountId: duplicate,
      channel: 'PHONE',
      lines: [{ productId: catalog.widget, quantity: 1 }],
      idempotencyKey: randomUUID(),
    });
    const merged = envelopeOf(AccountMerged, admin.tenantId, survivor, {
      survivorId: survivor,
      mergedIds: [duplicate],
      movedContactIds: [],
      survivor: accountSnapshotFixture(survivor),
    });
    const before = handledEvents();
    await kafka.deliver(merged);
    await kafka.deliver(merged);
    await untilHandled(2, before);
    const [moved] = await services.orderReads.findByIds(admin.tenantId, [order.id]);
    expect(moved?.accountId).toBe(survivor);
    expect(moved?.version).toBe(order.version + 1);
  });

  it('erases personal data from an account’s orders, keeps the amounts, and acknowledges once', async () => {
    const accountId = await knownAccount(db, admin.tenantId, 'B2B');
    const contactId = randomUUID();
    const placed = await services.orders.placeOrder(admin, {
      accountId,
      contactId,
      channel: 'STORE',
      lines: [{ productId: catalog.widget, quantity: 1 }],
      idempotencyKey: randomUUID(),
    });
    await services.orders.confirmOrder(admin, placed.id);
    await services.payments.recordPayment(admin, {
      orderId: placed.id,
      amountMinor: '1090000',
      method: 'CARD',
      reference: 'card ****1234 Sara K',
      idempotencyKey: randomUUID(),
    });
    await services.shipments.dispatchShipment(admin, {
      orderId: placed.id,
      carrier: 'Post',
      trackingCode: 'IR123456789',
    });

    const erased = envelopeOf(AccountErased, admin.tenantId, accountId, {
      accountId,
      contactIds: [contactId],
      salesModel: 'B2B',
      requestedAt: new Date().toISOString(),
    });
    const before = handledEvents();
    await kafka.deliver(erased);
    await kafka.deliver(erased);
    await untilHandled(2, before);

    const [order] = await services.orderReads.findByIds(admin.tenantId, [placed.id]);
    expect(order).toMatchObject({
      contactId: null,
      totalMinor: '1090000',
      paidMinor: '1090000',
      personalDataErasedAt: expect.any(Date),
    });
    const [[payment], [shipment]] = [
      ...(await services.orderReads.paymentsByOrders(admin.tenantId, [placed.id])),
      ...(await services.orderReads.shipmentsByOrders(admin.tenantId, [placed.id])),
    ];
    expect(payment).toMatchObject({ reference: null, amountMinor: '1090000' });
    expect(shipment).toMatchObject({ trackingCode: null, carrier: 'Post' });
    const exported = await services.customerData.exportAccount(admin.tenantId, accountId);
    expect(JSON.stringify(exported)).not.toMatch(/Sara|IR123456789/);

    const acknowledgements = await outboxRowsAbout(db, accountId);
    expect(eventTypes(acknowledgements)).toEqual(['AccountErasureCompleted']);
    expect(acknowledgements[0]?.envelope.data).toMatchObject({ accountId, service: 'orders' });
  });
});

describe('customer data export', () => {
  it('holds every order of the account with its lines, payments and history, and nothing of other accounts', async () => {
    const accountId = await knownAccount(db, admin.tenantId, 'B2B');
    const order = await services.orders.placeOrder(admin, {
      accountId,
      channel: 'WEB',
      lines: [{ productId: catalog.widget, quantity: 2 }],
      idempotencyKey: randomUUID(),
    });
    const exported = (await services.customerData.exportAccount(admin.tenantId, accountId)) as {
      orders: {
        id: string;
        number: string;
        lines: unknown[];
        statusHistory: unknown[];
        payments: unknown[];
      }[];
    };
    expect(exported.orders).toEqual([
      expect.objectContaining({
        id: order.id,
        number: order.number,
        totalMinor: '2180000',
        lines: [expect.objectContaining({ sku: 'W-1', quantity: 2 })],
        payments: [],
        statusHistory: [expect.objectContaining({ toStatus: 'PENDING' })],
      }),
    ]);
    expect(await services.customerData.exportAccount(callerOf(randomUUID()).tenantId, accountId)).toEqual({
      orders: [],
    });
  });
});
