import { randomUUID } from 'node:crypto';
import { dataOf, type GraphQLResult } from '@crm/testing';
import { AnalyticsHarness } from './support/analytics-harness';
import { EventFactory } from './support/event-factory';

jest.setTimeout(120_000);

const SALES = `query Sales($filter: MetricsFilter!, $granularity: Granularity, $calendar: CalendarSystem) {
  salesPerformance(filter: $filter, granularity: $granularity, calendar: $calendar) {
    total { amountMinor currency } orders series { bucket bucketStart revenue { amountMinor } orders customers }
  }
}`;
const MARCH = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };

function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

describe('analytics metrics API', () => {
  let harness: AnalyticsHarness;

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

  async function sales(tenantId: string, filter: object, extra: object = {}) {
    const result = await harness.query(tenantId, SALES, { filter, ...extra });
    return dataOf(result, 'salesPerformance').salesPerformance as {
      total: { amountMinor: string };
      orders: number;
      series: Array<{
        bucket: string;
        bucketStart: string;
        revenue: { amountMinor: string };
        orders: number;
        customers: number;
      }>;
    };
  }

  it('lets only ANALYST, MANAGER and ADMIN read figures', async () => {
    const tenantId = randomUUID();
    for (const role of ['SALES_REP', 'MARKETER'] as const) {
      const refused = await harness.query(tenantId, SALES, { filter: MARCH }, [role]);
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    }
    for (const role of ['ANALYST', 'MANAGER', 'ADMIN'] as const) {
      expect(errorCodes(await harness.query(tenantId, SALES, { filter: MARCH }, [role]))).toEqual([]);
    }
    const insights = await harness.query(
      tenantId,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { insights { orderCount } } } }`,
      { r: [{ __typename: 'Account', id: randomUUID() }] },
      ['SALES_REP'],
    );
    expect(errorCodes(insights)).toEqual(['FORBIDDEN']);
  });

  it('rejects a malformed filter with BAD_USER_INPUT naming the field', async () => {
    const result = await harness.query(randomUUID(), SALES, {
      filter: { from: MARCH.to, to: MARCH.from, ownerId: 'not-a-uuid' },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors?.[0].extensions?.fields as Array<{ field: string }>).map(
      (error) => error.field,
    );
    expect(fields).toEqual(['filter.to', 'filter.ownerId']);
  });

  it("never shows one tenant another tenant's figures", async () => {
    const mine = new EventFactory();
    const theirs = new EventFactory();
    for (const [factory, amount] of [
      [mine, 1_000n],
      [theirs, 5_000n],
    ] as const) {
      const accountId = randomUUID();
      const orderId = randomUUID();
      await applied(
        factory.account(accountId, 'B2C'),
        factory.order({ orderId, accountId, placedAt: '2025-03-02T10:00:00Z', amount }),
        factory.payment({ orderId, accountId, amount, receivedAt: '2025-03-02T10:05:00Z' }),
      );
    }
    expect((await sales(mine.tenantId, MARCH)).total.amountMinor).toBe('1000');
    expect((await sales(theirs.tenantId, MARCH)).total.amountMinor).toBe('5000');
    // Row-level security backs the filters up: the application role in one tenant's scope sees no other rows.
    const visible = await harness.database.inTenant(mine.tenantId, (manager) =>
      manager.query(`SELECT DISTINCT "tenant_id" FROM "daily_sales"`),
    );
    expect(visible).toEqual([{ tenant_id: mine.tenantId }]);
  });

  it('parks a payment that arrives before its order and attributes it to the order owner once the order arrives', async () => {
    const factory = new EventFactory();
    const accountId = randomUUID();
    const orderId = randomUUID();
    const ownerId = randomUUID();
    await applied(
      factory.account(accountId, 'B2C'),
      factory.payment({ orderId, accountId, amount: 700n, receivedAt: '2025-03-03T09:00:00Z' }),
    );
    expect((await sales(factory.tenantId, MARCH)).orders).toBe(0);

    await applied(
      factory.order({ orderId, accountId, ownerId, placedAt: '2025-03-03T08:00:00Z', amount: 700n }),
    );
    const ofOwner = await sales(factory.tenantId, { ...MARCH, ownerId });
    expect(ofOwner.total.amountMinor).toBe('700');
    expect(ofOwner.orders).toBe(1);
    expect((await sales(factory.tenantId, { ...MARCH, ownerId: randomUUID() })).orders).toBe(0);
  });

  it('re-buckets days in the zone an ADMIN configures: a payment at 20:45 UTC on 20 March falls on Nowruz 1404 in Tehran', async () => {
    const factory = new EventFactory();
    const accountId = randomUUID();
    const orderId = randomUUID();
    await applied(
      factory.account(accountId, 'B2C'),
      factory.order({ orderId, accountId, placedAt: '2025-03-20T20:40:00Z', amount: 300n }),
      factory.payment({ orderId, accountId, amount: 300n, receivedAt: '2025-03-20T20:45:00Z' }),
    );
    const window = { from: '2025-03-15T00:00:00Z', to: '2025-03-25T00:00:00Z' };
    const jalaliYears = async () =>
      (await sales(factory.tenantId, window, { granularity: 'YEAR', calendar: 'JALALI' })).series
        .filter((point) => point.orders > 0)
        .map((point) => point.bucket);
    expect(await jalaliYears()).toEqual(['1403']);

    const configure = `mutation($input: AnalyticsSettingsInput!) { configureAnalytics(input: $input) { timeZone reportingCurrency } }`;
    const refused = await harness.query(factory.tenantId, configure, {
      input: { timeZone: 'Asia/Tehran', reportingCurrency: 'IRR' },
    });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const invalid = await harness.query(
      factory.tenantId,
      configure,
      { input: { timeZone: 'Mars/Olympus', reportingCurrency: 'rial' } },
      ['ADMIN'],
    );
    expect(errorCodes(invalid)).toEqual(['BAD_USER_INPUT']);
    expect(
      (invalid.errors?.[0].extensions?.fields as Array<{ field: string }>).map((error) => error.field),
    ).toEqual(['input.timeZone', 'input.reportingCurrency']);
    dataOf(
      await harness.query(
        factory.tenantId,
        configure,
        { input: { timeZone: 'Asia/Tehran', reportingCurrency: 'IRR' } },
        ['ADMIN'],
      ),
      'configureAnalytics',
    );

    expect(await jalaliYears()).toEqual(['1404']);
    const days = await sales(
      factory.tenantId,
      { from: '2025-03-20T20:30:00Z', to: '2025-03-21T20:30:00Z' },
      { granularity: 'DAY', calendar: 'JALALI' },
    );
    expect(days.series).toEqual([
      {
        bucket: '1404-01-01',
        bucketStart: '2025-03-20T20:30:00.000Z',
        revenue: { amountMinor: '300' },
        orders: 1,
        customers: 1,
      },
    ]);
  });

  it('re-points a merged account to the survivor: totals stay, the two customers become one', async () => {
    const factory = new EventFactory();
    const [survivorId, mergedId] = [randomUUID(), randomUUID()];
    const events = [factory.account(survivorId, 'B2C'), factory.account(mergedId, 'B2C')];
    for (const [accountId, amount] of [
      [survivorId, 100n],
      [mergedId, 250n],
    ] as const) {
      const orderId = randomUUID();
      events.push(
        factory.order({ orderId, accountId, placedAt: '2025-03-05T10:00:00Z', amount }),
        factory.payment({ orderId, accountId, amount, receivedAt: '2025-03-05T11:00:00Z' }),
      );
    }
    await applied(...events);
    const before = await sales(factory.tenantId, MARCH);
    expect(before.series[0].customers).toBe(2);

    await applied(factory.merged(survivorId, [mergedId]));
    const after = await sales(factory.tenantId, MARCH);
    expect(after.total).toEqual(before.total);
    expect(after.orders).toBe(2);
    expect(after.series[0].customers).toBe(1);
    const insights = dataOf(
      await harness.query(
        factory.tenantId,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id insights { totalRevenue { amountMinor } orderCount } } } }`,
        { r: [{ __typename: 'Account', id: survivorId }] },
      ),
      '_entities',
    );
    expect(insights._entities).toEqual([
      { id: survivorId, insights: { totalRevenue: { amountMinor: '350' }, orderCount: 2 } },
    ]);
  });

  it('erases the personal data it holds, keeps the aggregates, and acknowledges through its outbox', async () => {
    const factory = new EventFactory();
    const accountId = randomUUID();
    const orderId = randomUUID();
    await applied(
      factory.account(accountId, 'B2C', 'Maryam Karimi'),
      factory.visit({ accountId, visitorId: 'cookie-123', visitedAt: '2025-03-01T09:00:00Z' }),
      factory.order({ orderId, accountId, placedAt: '2025-03-02T10:00:00Z', amount: 900n }),
      factory.payment({ orderId, accountId, amount: 900n, receivedAt: '2025-03-02T10:01:00Z' }),
    );
    const before = await sales(factory.tenantId, MARCH);
    const conversionQuery = `query($filter: MetricsFilter!) { conversionRates(filter: $filter) { visitToOrder } }`;
    const conversionBefore = dataOf(
      await harness.query(factory.tenantId, conversionQuery, { filter: MARCH }),
      'c',
    );

    await applied(factory.erased(accountId));
    expect(await sales(factory.tenantId, MARCH)).toEqual(before);
    expect(dataOf(await harness.query(factory.tenantId, conversionQuery, { filter: MARCH }), 'c')).toEqual(
      conversionBefore,
    );
    const [dimension] = await harness.ownerQuery<{ display_name: string | null }>(
      `SELECT "display_name" FROM "account_dim" WHERE "account_id" = $1`,
      [accountId],
    );
    expect(dimension.display_name).toBeNull();
    // A visit delivered after the erasure arrives pseudonymised too.
    await applied(factory.visit({ accountId, visitorId: 'cookie-123', visitedAt: '2025-03-03T09:00:00Z' }));
    const visits = await harness.ownerQuery<{ visitor_id: string }>(
      `SELECT "visitor_id" FROM "visit_fact" WHERE "account_id" = $1`,
      [accountId],
    );
    expect(visits).toHaveLength(2);
    for (const visit of visits) expect(visit.visitor_id).toMatch(/^erased:[0-9a-f]{64}$/);
    expect(visits[0].visitor_id).toBe(visits[1].visitor_id);
    const acknowledgements = await harness.ownerQuery<{
      topic: string;
      envelope: { type: string; data: unknown };
    }>(`SELECT "topic", "envelope" FROM "outbox" WHERE "tenant_id" = $1`, [factory.tenantId]);
    expect(acknowledgements).toEqual([
      {
        topic: 'crm.analytics.events',
        envelope: expect.objectContaining({
          type: 'crm.analytics.AccountErasureCompleted.v1',
          data: expect.objectContaining({ accountId, service: 'analytics' }),
        }),
      },
    ]);
  });

  it('exports what it holds about an account as its part of CustomerDataExport', async () => {
    const factory = new EventFactory();
    const accountId = randomUUID();
    const orderId = randomUUID();
    await applied(
      factory.account(accountId, 'B2C', 'Reza Tehrani'),
      factory.order({ orderId, accountId, placedAt: '2025-03-02T10:00:00Z', amount: 400n }),
      factory.payment({ orderId, accountId, amount: 400n, receivedAt: '2025-03-02T10:01:00Z' }),
    );
    const result = dataOf(
      await harness.query(
        factory.tenantId,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on CustomerDataExport { accountId analytics } } }`,
        { r: [{ __typename: 'CustomerDataExport', accountId }] },
        ['ADMIN'],
      ),
      '_entities',
    );
    const [exported] = result._entities as Array<{
      accountId: string;
      analytics: { account: unknown; orders: unknown };
    }>;
    expect(exported.accountId).toBe(accountId);
    expect(exported.analytics.account).toMatchObject({
      accountId,
      displayName: 'Reza Tehrani',
      salesModel: 'B2C',
    });
    expect(exported.analytics.orders).toEqual([
      expect.objectContaining({
        orderId,
        totalMinor: '400',
        payments: [expect.objectContaining({ amountMinor: '400', kind: 'PAYMENT' })],
      }),
    ]);
  });

  it('resolves the insights of many accounts with as many SQL statements as of one', async () => {
    const factory = new EventFactory();
    const accountIds = Array.from({ length: 6 }, () => randomUUID());
    await applied(...accountIds.map((accountId) => factory.account(accountId, 'B2C')));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { insights { orderCount rfm } } } }`;
    const statementsFor = async (ids: string[]) => {
      const before = harness.sqlStatements.statements;
      dataOf(
        await harness.query(factory.tenantId, query, { r: ids.map((id) => ({ __typename: 'Account', id })) }),
        'e',
      );
      return harness.sqlStatements.statements - before;
    };
    expect(await statementsFor(accountIds)).toBe(await statementsFor(accountIds.slice(0, 1)));
  });
});
