import { randomUUID } from 'node:crypto';
import { createMarketingTestDatabase, type MarketingTestDatabase } from './support/marketing-test-database';
import { seedProfiles } from './support/profile-seeding';

const TENANT_TABLES = [
  'customer_profiles',
  'profile_contacts',
  'profile_orders',
  'consents',
  'segments',
  'campaigns',
  'campaign_recipients',
  'visits',
  'outbox',
  'inbox',
];

/** Row-level security on every table: the application role sees only the tenant its transaction names. */
describe('row-level security', () => {
  let db: MarketingTestDatabase;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    db = await createMarketingTestDatabase();
    const [accountId] = await seedProfiles(db, tenantA, [
      { emails: ['a@example.com'], orders: [{ placedAt: '2026-05-01T00:00:00Z', totalMinor: 100 }] },
    ]);
    const segmentId = randomUUID();
    const campaignId = randomUUID();
    const owner = (sql: string, parameters: unknown[]) => db.ownerQuery(sql, parameters);
    await owner(
      `INSERT INTO "profile_contacts" ("tenant_id", "contact_id", "account_id", "first_name", "is_primary") VALUES ($1, $2, $3, 'A', true)`,
      [tenantA, randomUUID(), accountId],
    );
    await owner(`INSERT INTO "consents" VALUES ($1, $2, 'EMAIL', 'OPTED_IN', 'test', now(), 1)`, [
      tenantA,
      accountId,
    ]);
    await owner(`INSERT INTO "segments" VALUES ($1, $2, 's', '{}', 'u', now())`, [tenantA, segmentId]);
    await owner(
      `INSERT INTO "campaigns" ("tenant_id", "id", "name", "channel", "status", "segment_id", "body", "created_by")
       VALUES ($1, $2, 'c', 'EMAIL', 'SENDING', $3, 'b', 'u')`,
      [tenantA, campaignId, segmentId],
    );
    await owner(
      `INSERT INTO "campaign_recipients" ("tenant_id", "campaign_id", "account_id", "status", "message_id")
       VALUES ($1, $2, $3, 'QUEUED', '<m@x>')`,
      [tenantA, campaignId, accountId],
    );
    await owner(
      `INSERT INTO "visits" ("tenant_id", "id", "visitor_id", "url", "visited_at") VALUES ($1, $2, 'v', 'https://x', now())`,
      [tenantA, randomUUID()],
    );
    await owner(
      `INSERT INTO "outbox" ("id", "tenant_id", "topic", "message_key", "envelope") VALUES ($1, $2, 't', 'k', '{}')`,
      [randomUUID(), tenantA],
    );
    await owner(
      `INSERT INTO "inbox" ("tenant_id", "consumer_group", "event_id", "event_type") VALUES ($1, 'g', $2, 't')`,
      [tenantA, randomUUID()],
    );
  });

  afterAll(() => db.close());

  const countIn = (tenantId: string, table: string) =>
    db.database.inTenant(tenantId, async (manager) => {
      const [row] = await manager.query(`SELECT count(*)::int AS "count" FROM "${table}"`);
      return (row as { count: number }).count;
    });

  it.each(TENANT_TABLES)('%s: its own tenant sees its rows, another tenant none', async (table) => {
    expect(await countIn(tenantA, table)).toBeGreaterThan(0);
    expect(await countIn(tenantB, table)).toBe(0);
  });

  it('shows nothing to a transaction that names no tenant', async () => {
    for (const table of TENANT_TABLES) {
      const [row] = await db.database.dataSource.query(`SELECT count(*)::int AS "count" FROM "${table}"`);
      expect({ table, count: (row as { count: number }).count }).toEqual({ table, count: 0 });
    }
  });

  it("refuses to write a row into another tenant's data", async () => {
    await expect(
      db.database.inTenant(tenantB, (manager) =>
        manager.query(`INSERT INTO "segments" VALUES ($1, $2, 's', '{}', 'u', now())`, [
          tenantA,
          randomUUID(),
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets the sender and the RFM refresher find their work (ids only) through their cross-tenant functions', async () => {
    const work = await db.database.dataSource.query(`SELECT * FROM "campaigns_with_work"()`);
    expect(work).toEqual([{ tenant_id: tenantA, campaign_id: expect.any(String), status: 'SENDING' }]);
    const tenants = await db.database.dataSource.query(`SELECT "tenants_with_profiles"() AS "tenant_id"`);
    expect(tenants).toEqual([{ tenant_id: tenantA }]);
  });
});
