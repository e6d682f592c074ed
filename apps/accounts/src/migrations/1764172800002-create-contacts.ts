import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateContacts1764172800002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE "buying_role" AS ENUM
        ('DECISION_MAKER', 'ECONOMIC_BUYER', 'INFLUENCER', 'TECHNICAL_EVALUATOR', 'USER', 'BILLING', 'OTHER')`);
    await queryRunner.query(`
      CREATE TABLE "contacts" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "first_name" text NOT NULL,
        "last_name" text NOT NULL,
        "job_title" text,
        "buying_role" "buying_role",
        "is_primary" boolean NOT NULL,
        "emails" text[] NOT NULL,
        "phones" text[] NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "contacts_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "contacts_account_fkey" FOREIGN KEY ("tenant_id", "account_id") REFERENCES "accounts" ("tenant_id", "id")
      )`);
    // An account's contacts in listing order (created_at, id): one index range per account.
    await queryRunner.query(
      `CREATE INDEX "contacts_account_idx" ON "contacts" ("tenant_id", "account_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contacts_one_primary_per_account" ON "contacts" ("tenant_id", "account_id") WHERE "is_primary"`,
    );
    await protectTenantTable(queryRunner, 'contacts');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP TYPE "buying_role"`);
  }
}
