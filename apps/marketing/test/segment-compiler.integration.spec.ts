import { randomUUID } from 'node:crypto';
import type { SegmentQueryOptions } from '../src/segment/compile-segment';
import { createLogger } from '@crm/subgraph';
import { RfmRefresher } from '../src/profile/rfm-refresher';
import { refreshRfmScores } from '../src/profile/rfm-scores';
import { countSegmentMembers, segmentMemberIds } from '../src/segment/segment-queries';
import { parseSegmentRules } from '../src/segment/segment-rules';
import { createMarketingTestDatabase, type MarketingTestDatabase } from './support/marketing-test-database';
import { seedProfiles, type SeedProfile } from './support/profile-seeding';

const AS_OF = new Date('2026-06-01T00:00:00Z');
const COFFEE_BEANS = randomUUID();

/** A small population, each profile named by a letter, covering every field the rules can read. */
const POPULATION: Record<string, SeedProfile> = {
  A: {
    salesModel: 'B2C',
    city: 'Tehran',
    tags: ['vip'],
    tier: 'gold',
    lastInteractionAt: '2026-05-30T10:00:00Z',
    orders: [
      { placedAt: '2026-04-02T09:00:00Z', totalMinor: 2_000_000, categories: ['tea'] },
      {
        placedAt: '2026-05-20T09:00:00Z',
        totalMinor: 4_000_000,
        categories: ['coffee'],
        productIds: [COFFEE_BEANS],
      },
    ],
  },
  B: {
    salesModel: 'B2C',
    city: 'Shiraz',
    lastInteractionAt: '2026-02-01T10:00:00Z',
    orders: [{ placedAt: '2026-01-10T09:00:00Z', totalMinor: 100_000, categories: ['tea'] }],
  },
  C: {
    kind: 'COMPANY',
    salesModel: 'B2B',
    industry: 'Retail',
    city: 'Tehran',
    tier: 'silver',
    orders: [
      { placedAt: '2026-03-01T09:00:00Z', totalMinor: 3_000_000, categories: ['coffee'] },
      { placedAt: '2026-04-01T09:00:00Z', totalMinor: 3_000_000, categories: ['coffee'] },
      { placedAt: '2026-05-28T09:00:00Z', totalMinor: 3_000_000, categories: ['coffee'] },
    ],
  },
  D: { salesModel: 'B2C', city: 'Isfahan', lifecycleStage: 'PROSPECT' },
  E: {
    salesModel: 'B2C',
    archived: true,
    orders: [{ placedAt: '2026-05-01T00:00:00Z', totalMinor: 9, categories: ['coffee'] }],
  },
  F: { salesModel: 'B2C', erased: true },
  G: {
    salesModel: 'B2C',
    orders: [
      { placedAt: '2026-05-01T00:00:00Z', totalMinor: 5_000_000, categories: ['coffee'], cancelled: true },
    ],
  },
};

let db: MarketingTestDatabase;
const tenantId = randomUUID();
const otherTenantId = randomUUID();
const labelOf = new Map<string, string>();
const options: SegmentQueryOptions = { tenantId, asOf: AS_OF };

const refreshRfm = (tenant: string, asOf: Date) =>
  db.database.inTenant(tenant, (manager) => refreshRfmScores(manager, tenant, asOf, 365));

async function membersOf(rules: unknown): Promise<string[]> {
  const rule = parseSegmentRules(rules);
  const ids = await db.database.inTenant(tenantId, (manager) =>
    segmentMemberIds(manager, rule, options, { first: 100, afterAccountId: null }),
  );
  return ids.map((id) => labelOf.get(id) ?? `foreign:${id}`).sort();
}

beforeAll(async () => {
  db = await createMarketingTestDatabase();
  const labels = Object.keys(POPULATION);
  const ids = await seedProfiles(db, tenantId, Object.values(POPULATION));
  ids.forEach((id, index) => labelOf.set(id, labels[index] ?? '?'));
  await refreshRfm(tenantId, AS_OF);
  // Another tenant's B2C coffee buyer: never a member of this tenant's segments.
  await seedProfiles(db, otherTenantId, [
    {
      salesModel: 'B2C',
      city: 'Tehran',
      orders: [{ placedAt: '2026-05-30T00:00:00Z', totalMinor: 9_000_000, categories: ['coffee'] }],
    },
  ]);
});

afterAll(() => db.close());

describe('segment rules compile to one query over the profiles', () => {
  it.each<[string, unknown, string[]]>([
    ['enum eq', { field: 'salesModel', op: 'eq', value: 'B2C' }, ['A', 'B', 'D', 'G']],
    ['enum neq', { field: 'salesModel', op: 'neq', value: 'B2C' }, ['C']],
    ['enum in', { field: 'salesModel', op: 'in', value: ['B2B'] }, ['C']],
    ['enum notIn', { field: 'salesModel', op: 'notIn', value: ['B2C'] }, ['C']],
    ['kind', { field: 'kind', op: 'eq', value: 'COMPANY' }, ['C']],
    ['lifecycle stage', { field: 'lifecycleStage', op: 'eq', value: 'PROSPECT' }, ['D']],
    ['text eq', { field: 'industry', op: 'eq', value: 'Retail' }, ['C']],
    [
      'text neq counts a missing value as different',
      { field: 'industry', op: 'neq', value: 'Retail' },
      ['A', 'B', 'D', 'G'],
    ],
    ['text contains, case-insensitive', { field: 'industry', op: 'contains', value: 'ret' }, ['C']],
    ['text in', { field: 'city', op: 'in', value: ['Tehran', 'Shiraz'] }, ['A', 'B', 'C']],
    ['text notIn keeps missing values', { field: 'city', op: 'notIn', value: ['Tehran'] }, ['B', 'D', 'G']],
    ['tier', { field: 'tier', op: 'eq', value: 'gold' }, ['A']],
    ['tags contains', { field: 'tags', op: 'contains', value: 'vip' }, ['A']],
    ['tags in (any of)', { field: 'tags', op: 'in', value: ['vip', 'other'] }, ['A']],
    ['tags notIn', { field: 'tags', op: 'notIn', value: ['vip'] }, ['B', 'C', 'D', 'G']],
    ['money gte (number)', { field: 'totalSpentMinor', op: 'gte', value: 5_000_000 }, ['A', 'C']],
    ['money gte (decimal string)', { field: 'totalSpentMinor', op: 'gte', value: '5000000' }, ['A', 'C']],
    ['money lt', { field: 'totalSpentMinor', op: 'lt', value: 100_001 }, ['B', 'D', 'G']],
    [
      'order count eq (cancelled orders do not count)',
      { field: 'orderCount', op: 'eq', value: 0 },
      ['D', 'G'],
    ],
    ['order count gt', { field: 'orderCount', op: 'gt', value: 2 }, ['C']],
    ['days since last order', { field: 'daysSinceLastOrder', op: 'lte', value: 90 }, ['A', 'C']],
    ['days since last interaction', { field: 'daysSinceLastInteraction', op: 'lte', value: 7 }, ['A']],
    ['purchased category', { field: 'purchasedCategory', op: 'contains', value: 'coffee' }, ['A', 'C']],
    ['purchased category in', { field: 'purchasedCategory', op: 'in', value: ['tea'] }, ['A', 'B']],
    ['purchased product', { field: 'purchasedProductId', op: 'contains', value: COFFEE_BEANS }, ['A']],
    ['date after', { field: 'lastOrderAt', op: 'gte', value: '2026-05-01T00:00:00Z' }, ['A', 'C']],
    ['date before', { field: 'firstOrderAt', op: 'lt', value: '2026-03-15T00:00:00+03:30' }, ['B', 'C']],
    [
      'the issue example: B2C big coffee spenders of the last 90 days',
      {
        and: [
          { field: 'salesModel', op: 'eq', value: 'B2C' },
          { field: 'totalSpentMinor', op: 'gte', value: 5_000_000 },
          { field: 'daysSinceLastOrder', op: 'lte', value: 90 },
          { field: 'purchasedCategory', op: 'contains', value: 'coffee' },
        ],
      },
      ['A'],
    ],
    [
      'or',
      {
        or: [
          { field: 'city', op: 'eq', value: 'Shiraz' },
          { field: 'kind', op: 'eq', value: 'COMPANY' },
        ],
      },
      ['B', 'C'],
    ],
    ['not', { not: { field: 'salesModel', op: 'eq', value: 'B2C' } }, ['C']],
    [
      'not over a missing value is true',
      { not: { field: 'industry', op: 'eq', value: 'Retail' } },
      ['A', 'B', 'D', 'G'],
    ],
    [
      'nesting',
      {
        and: [
          {
            or: [
              { field: 'city', op: 'eq', value: 'Tehran' },
              { field: 'lifecycleStage', op: 'eq', value: 'PROSPECT' },
            ],
          },
          {
            not: {
              and: [
                { field: 'kind', op: 'eq', value: 'COMPANY' },
                { field: 'tier', op: 'eq', value: 'silver' },
              ],
            },
          },
        ],
      },
      ['A', 'D'],
    ],
    ['RFM recency', { field: 'rfmRecency', op: 'eq', value: 3 }, ['C']],
    ['RFM score', { field: 'rfmScore', op: 'gte', value: 222 }, ['A', 'C']],
    [
      'RFM monetary; accounts without orders have no score',
      { field: 'rfmMonetary', op: 'lt', value: 2 },
      ['B'],
    ],
  ])('%s', async (_name, rules, expected) => {
    expect(await membersOf(rules)).toEqual(expected);
  });

  it('counts agree with the members, several segments in one statement', async () => {
    const rules = [
      { field: 'salesModel', op: 'eq', value: 'B2C' },
      { field: 'purchasedCategory', op: 'contains', value: 'coffee' },
      { field: 'rfmScore', op: 'eq', value: 333 },
    ].map((rule) => parseSegmentRules(rule));
    const statementsFor = async (list: typeof rules) => {
      const before = db.sqlStatements.statements;
      const counts = await db.database.inTenant(tenantId, (manager) =>
        countSegmentMembers(manager, list, options),
      );
      return { counts, statements: db.sqlStatements.statements - before };
    };
    const all = await statementsFor(rules);
    const one = await statementsFor(rules.slice(0, 1));
    expect(all.counts).toEqual([4, 2, 1]);
    expect(all.statements).toBe(one.statements);
  });

  it('pages members by account id', async () => {
    const rule = parseSegmentRules({ field: 'salesModel', op: 'eq', value: 'B2C' });
    const page = (afterAccountId: string | null) =>
      db.database.inTenant(tenantId, (manager) =>
        segmentMemberIds(manager, rule, options, { first: 3, afterAccountId }),
      );
    const first = await page(null);
    const second = await page(first.at(-1) ?? null);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second]).size).toBe(4);
  });

  it.each([`x'; DROP TABLE "customer_profiles"; --`, `' OR '1'='1`, `Tehran') OR (1=1`, `%`, `$1`])(
    'treats %j as a plain value',
    async (attack) => {
      expect(await membersOf({ field: 'city', op: 'eq', value: attack })).toEqual([]);
      expect(await membersOf({ field: 'industry', op: 'contains', value: attack })).toEqual([]);
      expect(await membersOf({ field: 'tags', op: 'in', value: [attack] })).toEqual([]);
      expect(await membersOf({ field: 'salesModel', op: 'eq', value: 'B2C' })).toEqual(['A', 'B', 'D', 'G']);
    },
  );
});

describe('RFM quintiles', () => {
  it('splits ten buyers into five groups of two by spend, frequency and recency', async () => {
    const rfmTenant = randomUUID();
    const ids = await seedProfiles(
      db,
      rfmTenant,
      Array.from({ length: 10 }, (_unused, index) => ({
        orders: Array.from({ length: index + 1 }, () => ({
          placedAt: new Date(Date.UTC(2026, 4, index + 1)).toISOString(),
          totalMinor: 1000,
        })),
      })),
    );
    const rfmOptions = { ...options, tenantId: rfmTenant };
    const members = (rules: unknown) =>
      db.database.inTenant(rfmTenant, (manager) =>
        segmentMemberIds(manager, parseSegmentRules(rules), rfmOptions, { first: 100, afterAccountId: null }),
      );
    const sorted = (list: (string | undefined)[]) => [...list].sort();
    expect(await members({ field: 'rfmScore', op: 'gte', value: 111 })).toEqual([]);
    await refreshRfm(rfmTenant, AS_OF);
    expect(await members({ field: 'rfmScore', op: 'eq', value: 555 })).toEqual(sorted([ids[8], ids[9]]));
    expect(await members({ field: 'rfmScore', op: 'eq', value: 111 })).toEqual(sorted([ids[0], ids[1]]));
    expect(await members({ field: 'rfmFrequency', op: 'eq', value: 3 })).toEqual(sorted([ids[4], ids[5]]));
    // A year later (the window starts 2026-05-07), older orders do not count at all, and accounts
    // left without orders in the window lose their score.
    await refreshRfm(rfmTenant, new Date('2027-05-07T00:00:00Z'));
    const latest = await members({ field: 'rfmRecency', op: 'gte', value: 1 });
    expect(latest).toEqual(sorted([ids[7], ids[8], ids[9]]));
  });
});

describe('RFM refresher', () => {
  it("refreshes every tenant's scores, each in its own scope", async () => {
    const tenants = [randomUUID(), randomUUID()];
    const buyers = await Promise.all(
      tenants.map((tenant) =>
        seedProfiles(db, tenant, [{ orders: [{ placedAt: new Date().toISOString(), totalMinor: 10 }] }]),
      ),
    );
    const refresher = new RfmRefresher({
      database: db.database,
      logger: createLogger('rfm-test', 'silent'),
      windowDays: 365,
      intervalMs: 60_000,
    });
    await refresher.refreshAll();
    await refresher.stop();
    const scores = await db.ownerQuery<{ rfm_recency: number }>(
      `SELECT "rfm_recency" FROM "customer_profiles" WHERE "account_id" = ANY($1::uuid[])`,
      [buyers.flat()],
    );
    expect(scores).toEqual([{ rfm_recency: 1 }, { rfm_recency: 1 }]);
  });
});
