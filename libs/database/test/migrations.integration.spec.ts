import 'reflect-metadata';
import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import { pendingSchemaChanges, protectTenantTable, runMigrations } from '../src';
import { ensureApplicationRole } from './support/application-role';

class CreateGadget1700000000001 implements MigrationInterface {
  name = 'CreateGadget1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "gadget" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_gadget" PRIMARY KEY ("id"))`,
    );
    await protectTenantTable(queryRunner, 'gadget');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "gadget"`);
  }
}

@Entity('gadget')
class Gadget {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_gadget' })
  id!: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  name!: string;
}

/** The same table after someone added a field to the entity but wrote no migration for it. */
@Entity('gadget')
class GadgetWithColour {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_gadget' })
  id!: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  colour!: string | null;
}

describe('migrations', () => {
  let database: TestDatabase;
  const options = () => ({
    url: database.ownerUrl,
    applicationName: 'database-migrations-integration',
    migrations: [CreateGadget1700000000001],
  });

  beforeAll(async () => {
    await ensureApplicationRole();
    database = await createTestDatabase('database_migrations');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('applies pending migrations once and does nothing on the next run', async () => {
    expect(await runMigrations({ ...options(), entities: [] })).toEqual({
      applied: ['CreateGadget1700000000001'],
    });
    expect(await runMigrations({ ...options(), entities: [] })).toEqual({ applied: [] });
  });

  it('finds no pending schema change when the entities match the migrations', async () => {
    expect(await pendingSchemaChanges({ ...options(), entities: [Gadget] })).toEqual([]);
  });

  it('lists the change an entity needs when it was changed without a migration', async () => {
    const pending = await pendingSchemaChanges({ ...options(), entities: [GadgetWithColour] });
    expect(pending).toEqual([expect.stringMatching(/ALTER TABLE "gadget" ADD "colour" text/)]);
  });
});
