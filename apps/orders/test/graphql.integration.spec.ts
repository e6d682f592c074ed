import { randomUUID } from 'node:crypto';
import { QuoteAccepted } from '@crm/events';
import type { Caller } from '@crm/subgraph';
import { createOrderFromQuote } from '../src/events/quote-accepted.consumer';
import type { OrdersServices } from '../src/services';
import {
  callerOf,
  envelopeOf,
  knownAccount,
  seedCatalog,
  testServices,
  type Catalog,
} from './support/orders-fixtures';
import { startOrdersTestServer, type OrdersTestServer } from './support/orders-server';
import { createOrdersTestDatabase, type OrdersTestDatabase } from './support/orders-test-database';

let db: OrdersTestDatabase;
let services: OrdersServices;
let server: OrdersTestServer;
let admin: Caller;
let catalog: Catalog;

beforeAll(async () => {
  db = await createOrdersTestDatabase();
  services = testServices(db);
  server = await startOrdersTestServer(db);
  admin = callerOf(randomUUID());
  catalog = await seedCatalog(services, admin);
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

/** An account with `count` confirmed, paid and shipped orders of two lines each. */
async function accountWithOrders(count: number): Promise<string> {
  const accountId = await knownAccount(db, admin.tenantId, 'B2B');
  for (let index = 0; index < count; index += 1) {
    const order = await services.orders.placeOrder(admin, {
      accountId,
      channel: 'SALES_REP',
      lines: [
        { productId: catalog.widget, quantity: 1 },
        { productId: catalog.gadget, quantity: 2 },
      ],
      idempotencyKey: randomUUID(),
    });
    await services.orders.confirmOrder(admin, order.id);
    await services.payments.recordPayment(admin, {
      orderId: order.id,
      amountMinor: '1000',
      method: 'CASH',
      idempotencyKey: randomUUID(),
    });
    await services.shipments.dispatchShipment(admin, { orderId: order.id, carrier: 'Post' });
  }
  return accountId;
}

const ACCOUNTS_WITH_ORDERS = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Account {
        id
        orders(first: 20) {
          number status paymentStatus fulfilmentStatus
          total { amountMinor currency } balance { amountMinor }
          lines { product { sku name } quantity unitPrice { amountMinor } tax { amountMinor } total { amountMinor } description }
          payments { amount { amountMinor } method refundedAmount { amountMinor } }
          shipments { carrier dispatchedAt }
          statusHistory { field from to by }
        }
      }
    }
  }`;

async function statementsFor(accountIds: string[]): Promise<{ statements: number; orders: number }> {
  const before = db.sqlStatements.statements;
  const result = await server.request(admin, ACCOUNTS_WITH_ORDERS, {
    representations: accountIds.map((id) => ({ __typename: 'Account', id })),
  });
  expect(result.errors).toBeUndefined();
  const entities = (result.data?._entities ?? []) as { orders: unknown[] }[];
  return {
    statements: db.sqlStatements.statements - before,
    orders: entities.flatMap((entity) => entity.orders).length,
  };
}

describe('the orders subgraph over GraphQL', () => {
  it('resolves Account.orders with lines, payments, shipments and history in a fixed number of statements', async () => {
    const few = await statementsFor([await accountWithOrders(1)]);
    const many = await statementsFor([await accountWithOrders(3), await accountWithOrders(4)]);
    expect(few.orders).toBe(1);
    expect(many.orders).toBe(7);
    expect(many.statements).toBe(few.statements);
  });

  it('serves an order with its amounts as Money and its history with the actor', async () => {
    const accountId = await accountWithOrders(1);
    const result = await server.request(admin, ACCOUNTS_WITH_ORDERS, {
      representations: [{ __typename: 'Account', id: accountId }],
    });
    const [account] = (result.data?._entities ?? []) as { orders: Record<string, unknown>[] }[];
    expect(account?.orders[0]).toMatchObject({
      status: 'CONFIRMED',
      paymentStatus: 'PARTIALLY_PAID',
      fulfilmentStatus: 'SHIPPED',
      total: { amountMinor: '12090000', currency: 'IRR' },
      balance: { amountMinor: '12089000' },
      lines: [
        {
          product: { sku: 'W-1', name: 'Widget' },
          quantity: 1,
          unitPrice: { amountMinor: '1000000' },
          tax: { amountMinor: '90000' },
        },
        { product: { sku: 'G-1' }, quantity: 2, total: { amountMinor: '11000000' }, description: 'Gadget' },
      ],
      payments: [{ amount: { amountMinor: '1000' }, method: 'CASH', refundedAmount: { amountMinor: '0' } }],
      shipments: [{ carrier: 'Post' }],
    });
    expect(account?.orders[0]?.statusHistory).toContainEqual({
      field: 'status',
      from: 'PENDING',
      to: 'CONFIRMED',
      by: admin.userId,
    });
  });

  it('places an order through GraphQL and reports bad input per field', async () => {
    const accountId = await knownAccount(db, admin.tenantId, 'B2C');
    const mutation = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { number total { amountMinor currency } } }`;
    const placed = await server.request(admin, mutation, {
      input: {
        accountId,
        channel: 'WEB',
        idempotencyKey: randomUUID(),
        lines: [{ productId: catalog.widget, quantity: 1 }],
      },
    });
    expect(placed.data?.placeOrder).toEqual({
      number: expect.stringMatching(/^ORD-/),
      total: { amountMinor: '1090000', currency: 'IRR' },
    });

    const refused = await server.request(admin, mutation, {
      input: {
        accountId,
        channel: 'WEB',
        idempotencyKey: randomUUID(),
        lines: [
          { productId: catalog.widget, quantity: 1 },
          { productId: catalog.widget, quantity: -2 },
        ],
      },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.lines[1].quantity', message: expect.any(String) }],
    });
  });

  it('lets only ADMIN and MANAGER manage price lists', async () => {
    const mutation = `mutation { createPriceList(name: "Promo", salesModel: B2C, tier: "VIP", currency: "IRR", taxInclusive: true, isDefault: false) { id } }`;
    const denied = await server.request({ ...admin, roles: ['SALES_REP'] }, mutation);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await server.request({ ...admin, roles: ['MANAGER'] }, mutation);
    expect(allowed.errors).toBeUndefined();
  });

  it('resolves Opportunity.orders, Quote.order and CustomerDataExport.orders for the gateway', async () => {
    const accountId = await knownAccount(db, admin.tenantId, 'B2B');
    const irr = (amountMinor: string) => ({ amountMinor, currency: 'IRR' });
    const quote = {
      quoteId: randomUUID(),
      number: 'Q-7',
      opportunityId: randomUUID(),
      opportunityName: 'Plant expansion',
      accountId,
      salesModel: 'B2B' as const,
      subtotal: irr('1000000'),
      discount: irr('0'),
      tax: irr('90000'),
      total: irr('1090000'),
      validUntil: null,
      contactId: null,
      ownerId: null,
      lines: [
        {
          productId: catalog.widget,
          description: 'Widget',
          quantity: 1,
          unitPrice: irr('1000000'),
          discountPercent: 0,
          taxRatePercent: 9,
          tax: irr('90000'),
          total: irr('1090000'),
        },
      ],
      acceptedAt: new Date().toISOString(),
    };
    await db.database.inTenant(admin.tenantId, (manager) =>
      createOrderFromQuote(manager, envelopeOf(QuoteAccepted, admin.tenantId, quote.quoteId, quote)),
    );
    const result = await server.request(
      admin,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Opportunity { orders { number quote { id } } }
          ... on Quote { order { total { amountMinor } opportunity { id } } }
          ... on CustomerDataExport { exported: orders }
        }
      }`,
      {
        representations: [
          { __typename: 'Opportunity', id: quote.opportunityId },
          { __typename: 'Quote', id: quote.quoteId },
          { __typename: 'CustomerDataExport', accountId },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [opportunity, quoteEntity, exported] = result.data?._entities as [
      { orders: { number: string; quote: { id: string } }[] },
      { order: unknown },
      { exported: { orders: { quoteId: string }[] } },
    ];
    expect(opportunity.orders).toEqual([
      { number: expect.stringMatching(/^ORD-/), quote: { id: quote.quoteId } },
    ]);
    expect(quoteEntity.order).toEqual({
      total: { amountMinor: '1090000' },
      opportunity: { id: quote.opportunityId },
    });
    expect(exported.exported.orders).toEqual([expect.objectContaining({ quoteId: quote.quoteId })]);
  });

  it('lists price lists with their entries and volume tiers', async () => {
    const result = await server.request(
      admin,
      `{ priceLists(salesModel: B2B) { name tier isDefault currency entries { product { sku } minQuantity unitPrice { amountMinor currency } } } }`,
    );
    expect(result.data?.priceLists).toEqual([
      expect.objectContaining({
        name: 'Wholesale',
        isDefault: true,
        entries: expect.arrayContaining([
          { product: { sku: 'W-1' }, minQuantity: 1, unitPrice: { amountMinor: '1000000', currency: 'IRR' } },
          { product: { sku: 'W-1' }, minQuantity: 10, unitPrice: { amountMinor: '900000', currency: 'IRR' } },
        ]),
      }),
      expect.objectContaining({ name: 'Wholesale GOLD', tier: 'GOLD', isDefault: false }),
    ]);
  });
});
