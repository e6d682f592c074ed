import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../src';

class CreateNotes1000000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notes" ("tenant_id" uuid NOT NULL, "text" text NOT NULL)`);
    await protectTenantTable(queryRunner, 'notes');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notes"`);
  }
}

const options = (url: string) => ({
  url,
  applicationName: 'crm-testing-lib',
  entities: [],
  migrations: [CreateNotes1000000000000],
});

describe('createMigratedTestDatabase', () => {
  let db: MigratedTestDatabase;

  beforeAll(async () => {
    db = await createMigratedTestDatabase('testing_lib', options);
  });

  afterAll(() => db?.close());

  it('migrates as the owner and serves the application role under row-level security', async () => {
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    await db.database.inTenant(tenantA, (manager) =>
      manager.query(`INSERT INTO "notes" ("tenant_id", "text") VALUES ($1, 'a')`, [tenantA]),
    );
    await db.ownerQuery(`INSERT INTO "notes" ("tenant_id", "text") VALUES ($1, 'b')`, [tenantB]);

    expect(await db.countRows('notes')).toBe(2);
    const seenByA = await db.database.inTenant(tenantA, (manager) =>
      manager.query(`SELECT "text" FROM "notes"`),
    );
    expect(seenByA).toEqual([{ text: 'a' }]);
  });

  it('counts the statements the application role sends', async () => {
    const before = db.sqlStatements.statements;
    await db.dataSource.query('SELECT 1');
    expect(db.sqlStatements.statements).toBe(before + 1);
  });

  it('drops the database on close', async () => {
    const other = await createMigratedTestDatabase('testing_lib_close', options);
    const name = other.testDatabase.name;
    await other.close();
    const [row] = await db.ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_database WHERE datname = $1`,
      [name],
    );
    expect(row).toEqual({ count: 0 });
  });

  it('survives PostgreSQL closing its idle owner connection (a forced drop) without an unhandled error', async () => {
    const doomed = await createMigratedTestDatabase('testing_lib_doomed', options);
    await doomed.ownerQuery('SELECT 1');

    await doomed.testDatabase.drop();
    // The terminated idle connection reports its error asynchronously; give it time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await expect(doomed.close()).resolves.toBeUndefined();
  });
});
