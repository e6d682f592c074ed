import { v7 as uuidv7 } from 'uuid';
import { pino } from 'pino';
import { deleteProcessedInboxEntries, inboxRetentionTask } from '../src';
import { createMessagingTestDatabase, type MessagingTestDatabase } from './support/messaging-test-database';

describe('inbox retention against real PostgreSQL', () => {
  let db: MessagingTestDatabase;
  const tenantA = uuidv7();
  const tenantB = uuidv7();

  beforeAll(async () => {
    db = await createMessagingTestDatabase('inbox_retention');
  });

  afterAll(async () => {
    await db?.close();
  });

  beforeEach(async () => {
    await db.ownerQuery(`DELETE FROM "inbox"`);
    for (const [tenantId, ageDays] of [
      [tenantA, 30],
      [tenantA, 1],
      [tenantB, 30],
      [tenantB, 1],
    ] as const) {
      await db.ownerQuery(
        `INSERT INTO "inbox" ("tenant_id", "consumer_group", "event_id", "event_type", "processed_at")
         VALUES ($1, 'group', $2, 'crm.accounts.AccountCreated.v1', now() - make_interval(days => $3))`,
        [tenantId, uuidv7(), ageDays],
      );
    }
  });

  async function remainingAges(): Promise<{ tenant_id: string; age_days: number }[]> {
    return db.ownerQuery(
      `SELECT "tenant_id", extract(day FROM now() - "processed_at")::int AS "age_days"
       FROM "inbox" ORDER BY "tenant_id", "age_days"`,
    );
  }

  it("sweeps every tenant's entries past retention in its system context, and keeps the recent ones", async () => {
    const sweeper = inboxRetentionTask({
      database: db.database,
      logger: pino({ level: 'silent' }),
      processedEntriesMaxAgeDays: 14,
    });
    await sweeper.runOnce();

    expect(await remainingAges()).toEqual(
      [
        { tenant_id: tenantA, age_days: 1 },
        { tenant_id: tenantB, age_days: 1 },
      ].sort((a, b) => a.tenant_id.localeCompare(b.tenant_id)),
    );
  });

  it("reaches only the caller's own entries from a tenant scope, as row-level security demands", async () => {
    const deleted = await db.database.inTenant(tenantA, (manager) =>
      deleteProcessedInboxEntries(manager, 14),
    );

    expect(deleted).toBe(1);
    expect((await remainingAges()).filter((row) => row.age_days === 30)).toEqual([
      { tenant_id: tenantB, age_days: 30 },
    ]);
  });

  it('refuses a retention under one day, which could drop ids of events still being redelivered', async () => {
    await expect(
      db.database.inSystemContext('inbox-retention', (manager) => deleteProcessedInboxEntries(manager, 0)),
    ).rejects.toThrow(/at least 1/);
  });
});
