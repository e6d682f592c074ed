import { Client } from 'pg';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../src';

async function adminQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function connected(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  // A connection the server terminates must not become an unhandled 'error' event that kills Jest.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];
  afterAll(() => Promise.all(created.map((database) => database.drop())));

  async function create(purpose: string): Promise<TestDatabase> {
    const database = await createTestDatabase(purpose);
    created.push(database);
    return database;
  }

  it('creates a fresh database named after its purpose, owned by the admin role, not by crm_app', async () => {
    const database = await create('Harness Self-Test');

    expect(database.name).toMatch(/^test_harness_self_test_[0-9a-f]{8}$/);
    expect(
      await adminQuery(`SELECT pg_get_userbyid("datdba") AS "owner" FROM pg_database WHERE "datname" = $1`, [
        database.name,
      ]),
    ).toEqual([{ owner: 'postgres' }]);
  });

  it('lets the application role crm_app connect through appUrl, and the owner through ownerUrl', async () => {
    const database = await create('harness_roles');
    const app = await connected(database.appUrl);
    const owner = await connected(database.ownerUrl);
    try {
      const [asApp] = (
        await app.query(
          `SELECT current_user AS "user", current_database() AS "database",
                  (SELECT "rolsuper" FROM pg_roles WHERE "rolname" = current_user) AS "superuser"`,
        )
      ).rows;
      expect(asApp).toEqual({ user: 'crm_app', database: database.name, superuser: false });
      const [asOwner] = (await owner.query(`SELECT current_user AS "user", current_database() AS "database"`))
        .rows;
      expect(asOwner).toEqual({ user: 'postgres', database: database.name });
    } finally {
      await Promise.all([app.end(), owner.end()]);
    }
  });

  it('gives every call its own database', async () => {
    const [first, second] = await Promise.all([create('harness_twice'), create('harness_twice')]);

    expect(first.name).not.toBe(second.name);
  });

  it('drop() removes the database even while connections to it are open', async () => {
    const database = await createTestDatabase('harness_drop');
    const app = await connected(database.appUrl);
    const owner = await connected(database.ownerUrl);
    const exists = () =>
      adminQuery(`SELECT 1 FROM pg_database WHERE "datname" = $1`, [database.name]).then(
        (rows) => rows.length,
      );
    expect(await exists()).toBe(1);

    await database.drop();

    expect(await exists()).toBe(0);
    await expect(app.query('SELECT 1')).rejects.toThrow();
    await Promise.allSettled([app.end(), owner.end()]);
    // Dropping twice (an afterAll after a failed set-up) is harmless.
    await expect(database.drop()).resolves.toBeUndefined();
  });
});
