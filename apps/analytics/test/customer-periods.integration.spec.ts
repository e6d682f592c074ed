import { randomUUID } from 'node:crypto';
import { dataOf } from '@crm/testing';
import { AnalyticsHarness } from './support/analytics-harness';
import { EventFactory } from './support/event-factory';

jest.setTimeout(120_000);

const CUSTOMERS = `query Customers($filter: MetricsFilter!, $granularity: Granularity, $calendar: CalendarSystem) {
  salesPerformance(filter: $filter, granularity: $granularity, calendar: $calendar) {
    orders series { bucket orders customers }
  }
}`;

/** Whole buckets are read from the per-period counts; a channel filter takes the daily rows. */
const MARCH_APRIL = { from: '2025-03-01T00:00:00Z', to: '2025-05-01T00:00:00Z' };

describe('distinct customers per period (kept as events are applied)', () => {
  let harness: AnalyticsHarness;
  const factory = new EventFactory();
  const [ana, bahram] = [randomUUID(), randomUUID()];
  const [firstOrder, secondOrder, bahramsOrder] = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    harness = await AnalyticsHarness.start({ partitions: 1 });
    await harness.startConsumer();
  });

  afterAll(async () => {
    await harness.stop();
  });

  async function applied(...events: Parameters<AnalyticsHarness['publish']>[0]): Promise<void> {
    await harness.publish(events);
    await harness.waitUntilCaughtUp();
  }

  async function customers(filter: object, granularity = 'MONTH', calendar = 'GREGORIAN') {
    const result = await harness.query(factory.tenantId, CUSTOMERS, { filter, granularity, calendar });
    const figures = dataOf(result, 'salesPerformance').salesPerformance as {
      orders: number;
      series: Array<{ bucket: string; orders: number; customers: number }>;
    };
    return figures.series.map(({ bucket, orders, customers: count }) => ({
      bucket,
      orders,
      customers: count,
    }));
  }

  /** The fast path (per-period counts) and the daily rows (channel filter; all orders are WEB) agree. */
  async function expectBothPaths(
    expected: Array<{ bucket: string; orders: number; customers: number }>,
    filter: object = MARCH_APRIL,
    granularity = 'MONTH',
    calendar = 'GREGORIAN',
  ): Promise<void> {
    expect(await customers(filter, granularity, calendar)).toEqual(expected);
    expect(await customers({ ...filter, channel: 'WEB' }, granularity, calendar)).toEqual(expected);
  }

  it('counts an account once per period however many of its orders fall in it', async () => {
    await applied(
      factory.account(ana, 'B2C'),
      factory.account(bahram, 'B2C'),
      factory.order({ orderId: firstOrder, accountId: ana, placedAt: '2025-03-30T10:00:00Z', amount: 100n }),
      factory.payment({
        orderId: firstOrder,
        accountId: ana,
        amount: 60n,
        receivedAt: '2025-04-02T10:00:00Z',
      }),
      factory.order({ orderId: secondOrder, accountId: ana, placedAt: '2025-04-05T10:00:00Z', amount: 50n }),
      factory.payment({
        orderId: secondOrder,
        accountId: ana,
        amount: 50n,
        receivedAt: '2025-04-06T10:00:00Z',
      }),
      factory.order({
        orderId: bahramsOrder,
        accountId: bahram,
        placedAt: '2025-04-10T10:00:00Z',
        amount: 70n,
      }),
      factory.payment({
        orderId: bahramsOrder,
        accountId: bahram,
        amount: 70n,
        receivedAt: '2025-04-10T10:00:00Z',
      }),
    );
    await expectBothPaths([
      { bucket: '2025-03', orders: 0, customers: 0 },
      { bucket: '2025-04', orders: 3, customers: 2 },
    ]);
  });

  it('moves a customer to an earlier period when an earlier payment arrives late, and keeps the count by reference', async () => {
    // The order's first payment is now 31 March: Ana is a March customer and still an April one.
    await applied(
      factory.payment({
        orderId: firstOrder,
        accountId: ana,
        amount: 40n,
        receivedAt: '2025-03-31T10:00:00Z',
      }),
    );
    await expectBothPaths([
      { bucket: '2025-03', orders: 1, customers: 1 },
      { bucket: '2025-04', orders: 2, customers: 2 },
    ]);

    // Her second order moves to March too: two orders, one customer there; April keeps Bahram only.
    await applied(
      factory.payment({
        orderId: secondOrder,
        accountId: ana,
        amount: 1n,
        receivedAt: '2025-03-31T12:00:00Z',
      }),
    );
    await expectBothPaths([
      { bucket: '2025-03', orders: 2, customers: 1 },
      { bucket: '2025-04', orders: 1, customers: 1 },
    ]);
  });

  it('answers every calendar, granularity and sales-model filter from the same counts', async () => {
    await expectBothPaths(
      [
        { bucket: '2025-Q1', orders: 2, customers: 1 },
        { bucket: '2025-Q2', orders: 1, customers: 1 },
      ],
      { from: '2025-01-01T00:00:00Z', to: '2025-07-01T00:00:00Z' },
      'QUARTER',
    );
    await expectBothPaths(
      [
        { bucket: '1404-01-11', orders: 2, customers: 1 },
        { bucket: '1404-01-12', orders: 0, customers: 0 },
      ],
      { from: '2025-03-31T00:00:00Z', to: '2025-04-02T00:00:00Z', salesModel: 'B2C' },
      'DAY',
      'JALALI',
    );
    // Farvardin 1404 = 21 March … 20 April 2025: all three orders, both customers.
    await expectBothPaths(
      [{ bucket: '1404-01', orders: 3, customers: 2 }],
      { from: '2025-03-21T00:00:00Z', to: '2025-04-21T00:00:00Z' },
      'MONTH',
      'JALALI',
    );
    expect(await customers({ ...MARCH_APRIL, salesModel: 'B2B' })).toEqual([
      { bucket: '2025-03', orders: 0, customers: 0 },
      { bucket: '2025-04', orders: 0, customers: 0 },
    ]);
  });

  it('counts a period the window covers only partly over the window’s days', async () => {
    // 15 March … 5 April: Ana's March orders are in; Bahram's order (10 April) is not.
    await expectBothPaths(
      [
        { bucket: '2025-03', orders: 2, customers: 1 },
        { bucket: '2025-04', orders: 0, customers: 0 },
      ],
      { from: '2025-03-15T00:00:00Z', to: '2025-04-06T00:00:00Z' },
    );
  });

  it('keeps the same counts a re-derivation from the facts gives (time zone change)', async () => {
    const counts = () =>
      harness.ownerQuery(
        `SELECT "currency", "calendar", "granularity", "bucket_start"::text AS "start", "sales_model_key", "customers"
         FROM "period_customer_count" WHERE "tenant_id" = $1 AND "customers" <> 0 ORDER BY 1, 2, 3, 4, 5`,
        [factory.tenantId],
      );
    const kept = await counts();
    expect(kept.length).toBeGreaterThan(0);
    // Another zone at UTC+0 all year: the rollups are re-derived from the facts, the days stay the same.
    const configured = await harness.query(
      factory.tenantId,
      `mutation($input: AnalyticsSettingsInput!) { configureAnalytics(input: $input) { timeZone } }`,
      { input: { timeZone: 'Africa/Abidjan', reportingCurrency: 'IRR' } },
      ['ADMIN'],
    );
    expect(dataOf(configured, 'configureAnalytics').configureAnalytics).toEqual({
      timeZone: 'Africa/Abidjan',
    });
    expect(await counts()).toEqual(kept);
    await expectBothPaths([
      { bucket: '2025-03', orders: 2, customers: 1 },
      { bucket: '2025-04', orders: 1, customers: 1 },
    ]);
  });
});
