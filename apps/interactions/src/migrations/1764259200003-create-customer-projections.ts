import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/** Local copies of other services' facts (accounts' contact data, marketing's consent), fed by events. */
export class CreateCustomerProjections1764259200003 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "account_profiles" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "display_name" text NOT NULL,
        "emails" text array NOT NULL,
        "phones" text array NOT NULL,
        "archived" boolean NOT NULL,
        "source_version" integer NOT NULL,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "account_profiles_pkey" PRIMARY KEY ("tenant_id", "account_id")
      )`);
    await protectTenantTable(queryRunner, 'account_profiles');

    await queryRunner.query(`
      CREATE TABLE "contact_profiles" (
        "tenant_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "account_id" uuid,
        "first_name" text NOT NULL,
        "last_name" text NOT NULL,
        "is_primary" boolean NOT NULL,
        "emails" text array NOT NULL,
        "phones" text array NOT NULL,
        "source_version" integer NOT NULL,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "contact_profiles_pkey" PRIMARY KEY ("tenant_id", "contact_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "contact_profiles_account_idx" ON "contact_profiles" ("tenant_id", "account_id")`,
    );
    await protectTenantTable(queryRunner, 'contact_profiles');

    await queryRunner.query(`
      CREATE TABLE "consents" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "channel" text NOT NULL,
        "state" text NOT NULL,
        "changed_at" timestamptz(3) NOT NULL,
        CONSTRAINT "consents_pkey" PRIMARY KEY ("tenant_id", "account_id", "channel")
      )`);
    await protectTenantTable(queryRunner, 'consents');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP TABLE "contact_profiles"`);
    await queryRunner.query(`DROP TABLE "account_profiles"`);
  }
}
