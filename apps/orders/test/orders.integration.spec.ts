import { randomUUID } from 'node:crypto';
import type { Caller } from '@crm/subgraph';
import type { OrderEntity } from '../src/order/order.entity';
import type { OrdersServices } from '../src/services';
import { rejectionOf } from '@crm/testing';
import {
  callerOf,
  eventTypes,
  knownAccount,
  outboxRowsAbout,
  seedCatalog,
  testServices,
  type Catalog,
} from './support/orders-fixtures';
import { createOrdersTestDatabase, type OrdersTestDatabase } from './support/orders-test-database';

let db: OrdersTestDatabase;
let services: OrdersServices;
let admin: Caller;
let catalog: Catalog;
let b2bAccount: string;
let goldAccount: string;
let b2cAccount: string;

beforeAll(async () => {
  db = await createOrdersTestDatabase();
  services = testServices(db);
  admin = callerOf(randomUUID());
  catalog = await seedCatalog(services, admin);
  b2bAccount = await knownAccount(db, admin.tenantId, 'B2B');
  goldAccount = await knownAccount(db, admin.tenantId, 'B2B', 'GOLD');
  b2cAccount = await knownAccount(db, admin.tenantId, 'B2C');
});

afterAll(() => db.close());

function place(
  lines: { productId: string; quantity: number; unitPriceMinor?: string; discountPercent?: number }[],
  overrides: Record<string, unknown> = {},
  caller = admin,
) {
  return services.orders.placeOrder(caller, {
    accountId: b2bAccount,
    channel: 'SALES_REP',
    lines,
    idempotencyKey: randomUUID(),
    ...overrides,
  });
}

async function counts() {
  return {
    orders: await db.countRows('orders'),
    payments: await db.countRows('payments'),
    outbox: await db.countRows('outbox'),
  };
}

describe('price resolution', () => {
  it.each([
    ['B2B default list, one unit', () => b2bAccount, 'widget', 1, '1000000'],
    ['B2B default list, volume tier from 10', () => b2bAccount, 'widget', 25, '900000'],
    ['GOLD tier list first', () => goldAccount, 'widget', 25, '800000'],
    ['GOLD falls back to the default list for a product it lacks', () => goldAccount, 'gadget', 1, '5000000'],
    ['B2C retail list', () => b2cAccount, 'widget', 3, '1090000'],
  ] as const)('%s', async (_case, account, product, quantity, expected) => {
    const price = await services.priceLists.price(admin.tenantId, catalog[product], account(), quantity);
    expect(price).toEqual({ amountMinor: expected, currency: 'IRR' });
  });

  it('refuses an account orders has not heard of, on the argument', async () => {
    const error = await rejectionOf(
      services.priceLists.price(admin.tenantId, catalog.widget, randomUUID(), 1),
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'accountId' }] });
  });
});

describe('placeOrder', () => {
  it('prices lines from the lists, per line discount then tax, half-up, and numbers the order', async () => {
    const order = await place([
      { productId: catalog.widget, quantity: 12, discountPercent: 5 },
      { productId: catalog.gadget, quantity: 1 },
    ]);
    // widget: 12 × 900,000 = 10,800,000; 5% = 540,000; net 10,260,000; 9% tax = 923,400
    // gadget: 5,000,000; 10% tax = 500,000
    expect(order).toMatchObject({
      number: expect.stringMatching(/^ORD-\d{6}$/),
      currency: 'IRR',
      salesModel: 'B2B',
      status: 'PENDING',
      paymentStatus: 'UNPAID',
      fulfilmentStatus: 'UNFULFILLED',
      subtotalMinor: '15800000',
      discountMinor: '540000',
      taxMinor: '1423400',
      totalMinor: '16683400',
    });
    const [lines] = await services.orderReads.linesByOrders(admin.tenantId, [order.id]);
    expect(lines?.map((line) => [line.sku, line.unitPriceMinor, line.taxMinor, line.totalMinor])).toEqual([
      ['W-1', '900000', '923400', '11183400'],
      ['G-1', '5000000', '500000', '5500000'],
    ]);
  });

  it('takes the tax out of a tax-inclusive B2C price instead of adding it', async () => {
    const order = await place([{ productId: catalog.widget, quantity: 2 }], {
      accountId: b2cAccount,
      channel: 'WEB',
    });
    expect(order).toMatchObject({
      salesModel: 'B2C',
      subtotalMinor: '2180000',
      taxMinor: '180000',
      totalMinor: '2180000',
    });
  });

  it('publishes OrderPlaced with what analytics and marketing need, in the same transaction', async () => {
    const campaignId = randomUUID();
    const order = await place([{ productId: catalog.widget, quantity: 1 }], { campaignId, channel: 'PHONE' });
    const rows = await outboxRowsAbout(db, order.id);
    expect(eventTypes(rows)).toEqual(['OrderPlaced']);
    expect(rows[0]?.topic).toBe('crm.orders.events');
    expect(rows[0]?.envelope.data).toMatchObject({
      orderId: order.id,
      number: order.number,
      accountId: b2bAccount,
      salesModel: 'B2B',
      channel: 'PHONE',
      campaignId,
      total: { amountMinor: '1090000', currency: 'IRR' },
      lines: [
        { productId: catalog.widget, sku: 'W-1', productName: 'Widget', category: 'Hardware', quantity: 1 },
      ],
    });
  });

  it.each([
    ['an unknown product', () => [{ productId: randomUUID(), quantity: 1 }], 'input.lines[0].productId'],
    ['a quantity of zero', () => [{ productId: catalog.widget, quantity: 0 }], 'input.lines[0].quantity'],
    [
      'a negative price override',
      () => [{ productId: catalog.widget, quantity: 1, unitPriceMinor: '-5' }],
      'input.lines[0].unitPriceMinor',
    ],
    [
      'a discount over 100%',
      () => [{ productId: catalog.widget, quantity: 1, discountPercent: 120 }],
      'input.lines[0].discountPercent',
    ],
  ])('refuses %s on its field, writing and publishing nothing', async (_case, lines, field) => {
    const before = await counts();
    const error = await rejectionOf(place(lines()));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields.map((entry) => entry.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses a currency other than the price list’s, and an inactive product', async () => {
    const error = await rejectionOf(place([{ productId: catalog.widget, quantity: 1 }], { currency: 'USD' }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.currency' }] });

    const retired = await services.products.upsertProduct(admin, {
      sku: 'OLD-1',
      name: 'Old',
      type: 'GOODS',
      active: false,
    });
    const inactive = await rejectionOf(place([{ productId: retired.id, quantity: 1 }]));
    expect(inactive.fields).toEqual([
      { field: 'input.lines[0].productId', message: expect.stringContaining('inactive') },
    ]);
  });

  it('lets a MANAGER override a list price but not a SALES_REP', async () => {
    const manager = { ...admin, roles: ['MANAGER' as const] };
    const order = await place(
      [{ productId: catalog.widget, quantity: 1, unitPriceMinor: '500000' }],
      {},
      manager,
    );
    expect(order.subtotalMinor).toBe('500000');
    const rep = { ...admin, roles: ['SALES_REP' as const] };
    const error = await rejectionOf(
      place([{ productId: catalog.widget, quantity: 1, unitPriceMinor: '500000' }], {}, rep),
    );
    expect(error.fields).toEqual([{ field: 'input.lines[0].unitPriceMinor', message: expect.any(String) }]);
  });
});

describe('idempotent placement and gap-free numbers', () => {
  it('returns the same order for 20 concurrent retries with one key, creating exactly one', async () => {
    const idempotencyKey = randomUUID();
    const before = await db.countRows('orders');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        place([{ productId: catalog.widget, quantity: 3 }], { idempotencyKey }),
      ),
    );
    expect(new Set(results.map((order) => order.id)).size).toBe(1);
    expect(await db.countRows('orders')).toBe(before + 1);
    expect(eventTypes(await outboxRowsAbout(db, results[0]?.id ?? ''))).toEqual(['OrderPlaced']);
  });

  it('answers CONFLICT when a key comes back with a different request', async () => {
    const idempotencyKey = randomUUID();
    await place([{ productId: catalog.widget, quantity: 1 }], { idempotencyKey });
    const error = await rejectionOf(place([{ productId: catalog.widget, quantity: 2 }], { idempotencyKey }));
    expect(error.code).toBe('CONFLICT');
  });

  it('numbers concurrent orders without gaps, even when some of them are refused', async () => {
    const tenant = callerOf(randomUUID());
    const own = await seedCatalog(services, tenant);
    const accountId = await knownAccount(db, tenant.tenantId, 'B2B');
    const attempts = Array.from({ length: 30 }, (_, index) =>
      services.orders
        .placeOrder(tenant, {
          accountId,
          channel: 'WEB',
          idempotencyKey: `k-${index}`,
          // Every third one is refused after the lines were read: its transaction rolls back.
          lines: [{ productId: index % 3 === 0 ? randomUUID() : own.widget, quantity: 1 }],
        })
        .then(
          (order: OrderEntity) => order.number,
          () => null,
        ),
    );
    const numbers = (await Promise.all(attempts))
      .filter((number): number is string => number !== null)
      .sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, index) => `ORD-${String(index + 1).padStart(6, '0')}`),
    );
  });
});

describe('the order lifecycle', () => {
  async function confirmedOrder(): Promise<OrderEntity> {
    const order = await place([{ productId: catalog.widget, quantity: 1 }]); // total 1,090,000
    return services.orders.confirmOrder(admin, order.id);
  }

  it('goes PENDING → CONFIRMED, paid in parts, shipped, delivered → COMPLETED, with history and events', async () => {
    const order = await confirmedOrder();
    await services.payments.recordPayment(admin, {
      orderId: order.id,
      amountMinor: '90000',
      method: 'CHEQUE',
      idempotencyKey: randomUUID(),
    });
    const paid = await services.payments.recordPayment(admin, {
      orderId: order.id,
      amountMinor: '1000000',
      method: 'BANK_TRANSFER',
      reference: 'TX-1',
      idempotencyKey: randomUUID(),
    });
    expect(paid).toMatchObject({ paymentStatus: 'PAID', paidMinor: '1090000' });
    const shipped = await services.shipments.dispatchShipment(admin, {
      orderId: order.id,
      carrier: 'Post',
      trackingCode: 'TRK1',
    });
    expect(shipped.fulfilmentStatus).toBe('SHIPPED');
    const [shipments] = await services.orderReads.shipmentsByOrders(admin.tenantId, [order.id]);
    const done = await services.shipments.markDelivered(admin, shipments?.[0]?.id ?? '');
    expect(done).toMatchObject({ status: 'COMPLETED', paymentStatus: 'PAID', fulfilmentStatus: 'DELIVERED' });

    const [history] = await services.orderReads.historyByOrders(admin.tenantId, [order.id]);
    expect(history?.map((change) => [change.field, change.fromStatus, change.toStatus])).toEqual([
      ['status', null, 'PENDING'],
      ['status', 'PENDING', 'CONFIRMED'],
      ['paymentStatus', 'UNPAID', 'PARTIALLY_PAID'],
      ['paymentStatus', 'PARTIALLY_PAID', 'PAID'],
      ['fulfilmentStatus', 'UNFULFILLED', 'SHIPPED'],
      ['fulfilmentStatus', 'SHIPPED', 'DELIVERED'],
      ['status', 'CONFIRMED', 'COMPLETED'],
    ]);
    expect(history?.every((change) => change.changedBy === admin.userId)).toBe(true);
    expect(eventTypes(await outboxRowsAbout(db, order.id))).toEqual([
      'OrderPlaced',
      'OrderStatusChanged',
      'PaymentRecorded',
      'OrderStatusChanged',
      'PaymentRecorded',
      'OrderStatusChanged',
      'ShipmentDispatched',
      'OrderStatusChanged',
      'ShipmentDelivered',
      'OrderStatusChanged',
      'OrderStatusChanged',
    ]);
  });

  it('refunds never more than was paid, and follows the amounts to PARTIALLY_REFUNDED and REFUNDED', async () => {
    const order = await confirmedOrder();
    const paid = await services.payments.recordPayment(admin, {
      orderId: order.id,
      amountMinor: '1090000',
      method: 'CARD',
      idempotencyKey: randomUUID(),
    });
    const [payments] = await services.orderReads.paymentsByOrders(admin.tenantId, [paid.id]);
    const paymentId = payments?.[0]?.id ?? '';
    const tooMuch = await rejectionOf(services.payments.refundPayment(admin, paymentId, '1090001', 'broken'));
    expect(tooMuch).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'amountMinor' }] });

    expect(await services.payments.refundPayment(admin, paymentId, '90000', 'scratched')).toMatchObject({
      paymentStatus: 'PARTIALLY_REFUNDED',
      refundedMinor: '90000',
    });
    const refunded = await services.payments.refundPayment(admin, paymentId, '1000000', 'returned');
    expect(refunded).toMatchObject({ paymentStatus: 'REFUNDED', refundedMinor: '1090000' });
    const more = await rejectionOf(services.payments.refundPayment(admin, paymentId, '1', 'again'));
    expect(more.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a payment larger than the balance, writing nothing', async () => {
    const order = await confirmedOrder();
    const before = await counts();
    const error = await rejectionOf(
      services.payments.recordPayment(admin, {
        orderId: order.id,
        amountMinor: '1090001',
        method: 'CASH',
        idempotencyKey: randomUUID(),
      }),
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.amountMinor' }] });
    expect(await counts()).toEqual(before);
  });

  it('records one payment for 20 concurrent retries with one key', async () => {
    const order = await confirmedOrder();
    const idempotencyKey = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        services.payments.recordPayment(admin, {
          orderId: order.id,
          amountMinor: '100000',
          method: 'ONLINE_GATEWAY',
          idempotencyKey,
        }),
      ),
    );
    const [payments] = await services.orderReads.paymentsByOrders(admin.tenantId, [order.id]);
    expect(payments).toHaveLength(1);
    const [reloaded] = await services.orderReads.findByIds(admin.tenantId, [order.id]);
    expect(reloaded?.paidMinor).toBe('100000');
  });

  it.each([
    [
      'confirming a cancelled order',
      async (order: OrderEntity) => {
        await services.orders.cancelOrder(admin, order.id, 'customer changed mind');
        return services.orders.confirmOrder(admin, order.id);
      },
      /status is CANCELLED and cannot become CONFIRMED/,
    ],
    [
      'shipping a cancelled order',
      async (order: OrderEntity) => {
        await services.orders.cancelOrder(admin, order.id, 'customer changed mind');
        return services.shipments.dispatchShipment(admin, { orderId: order.id });
      },
      /CANCELLED/,
    ],
    [
      'cancelling after delivery',
      async (order: OrderEntity) => {
        await services.orders.confirmOrder(admin, order.id);
        await services.shipments.dispatchShipment(admin, { orderId: order.id });
        const [shipments] = await services.orderReads.shipmentsByOrders(admin.tenantId, [order.id]);
        await services.shipments.markDelivered(admin, shipments?.[0]?.id ?? '');
        return services.orders.cancelOrder(admin, order.id, 'too late');
      },
      /fulfilment status is DELIVERED/,
    ],
    [
      'returning an undelivered order',
      async (order: OrderEntity) => {
        return services.shipments.markReturned(admin, order.id);
      },
      /fulfilment status is UNFULFILLED and cannot become RETURNED/,
    ],
  ])('answers CONFLICT naming both states for %s, changing nothing', async (_case, act, message) => {
    const order = await place([{ productId: catalog.widget, quantity: 1 }]);
    const error = await rejectionOf(act(order));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(message);
    const eventsAfter = (await outboxRowsAbout(db, order.id)).length;
    await rejectionOf(act(order)).catch(() => undefined);
    expect((await outboxRowsAbout(db, order.id)).length).toBe(eventsAfter);
  });
});

describe('row-level security', () => {
  it('never returns another tenant’s orders, products or prices', async () => {
    const order = await place([{ productId: catalog.widget, quantity: 1 }]);
    const other = callerOf(randomUUID());
    expect(await services.orderReads.findByIds(other.tenantId, [order.id])).toEqual([null]);
    expect(await services.orderReads.listOrders(other.tenantId, {}, 100, null)).toEqual([]);
    expect(await services.products.findByIds(other.tenantId, [catalog.widget])).toEqual([null]);
    expect(await services.priceLists.listPriceLists(other.tenantId, null)).toEqual([]);
    const error = await rejectionOf(services.orders.confirmOrder(other, order.id));
    expect(error.code).toBe('NOT_FOUND');
    // Even without the tenant filter, the database itself refuses to show the rows.
    const visible = await db.database.inTenant(other.tenantId, (manager) =>
      manager.query(`SELECT count(*)::int AS n FROM "orders"`),
    );
    expect(visible).toEqual([{ n: 0 }]);
  });
});
