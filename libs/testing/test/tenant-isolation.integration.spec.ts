import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';
import { createMigratedTestDatabase, itKeepsTenantRowsApart, type MigratedTestDatabase } from '../src';

class CreateProtectedNotes1000000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notes" ("tenant_id" uuid NOT NULL, "text" text NOT NULL)`);
    await protectTenantTable(queryRunner, 'notes');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notes"`);
  }
}

const [tenantA, tenantB] = [randomUUID(), randomUUID()];
let db: MigratedTestDatabase;

beforeAll(async () => {
  db = await createMigratedTestDatabase('tenant_isolation', (url) => ({
    url,
    applicationName: 'crm-testing-lib',
    entities: [],
    migrations: [CreateProtectedNotes1000000000000],
  }));
  for (const tenantId of [tenantA, tenantB]) {
    await db.database.inTenant(tenantId, (manager) =>
      manager.query(`INSERT INTO "notes" ("tenant_id", "text") VALUES ($1, 'note')`, [tenantId]),
    );
  }
});

afterAll(() => db?.close());

describe('itKeepsTenantRowsApart on a table under forced row-level security', () => {
  itKeepsTenantRowsApart(['notes'], () => ({ db, observerTenantId: tenantB }));
});
