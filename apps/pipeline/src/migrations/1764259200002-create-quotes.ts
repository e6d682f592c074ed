import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateQuotes1764259200002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "quote_status" AS ENUM ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED')`,
    );
    await queryRunner.query(`
      CREATE TABLE "quotes" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "number" text NOT NULL,
        "opportunity_id" uuid NOT NULL,
        "status" "quote_status" NOT NULL,
        "currency" text NOT NULL,
        "valid_until" date,
        "subtotal_minor" bigint NOT NULL,
        "discount_minor" bigint NOT NULL,
        "tax_minor" bigint NOT NULL,
        "total_minor" bigint NOT NULL,
        "to_contact_id" uuid,
        "sent_at" timestamptz(3),
        "accepted_at" timestamptz(3),
        "rejected_at" timestamptz(3),
        "rejection_reason" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "quotes_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "quotes_opportunity_fkey" FOREIGN KEY ("tenant_id", "opportunity_id") REFERENCES "opportunities" ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "quotes_number_key" ON "quotes" ("tenant_id", "number")`);
    await queryRunner.query(
      `CREATE INDEX "quotes_opportunity_idx" ON "quotes" ("tenant_id", "opportunity_id", "created_at")`,
    );
    // The expiry sweeper marks overdue quotes of every tenant in one statement (quote-expiry.sweeper.ts).
    await protectTenantTable(queryRunner, 'quotes', { systemContexts: ['scheduler'] });

    await queryRunner.query(`
      CREATE TABLE "line_items" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "opportunity_id" uuid NOT NULL,
        "quote_id" uuid,
        "position" integer NOT NULL,
        "product_id" uuid,
        "description" text NOT NULL,
        "quantity" integer NOT NULL,
        "unit_price_minor" bigint NOT NULL,
        "currency" text NOT NULL,
        "discount_basis_points" integer NOT NULL,
        "tax_rate_basis_points" integer NOT NULL,
        "discount_minor" bigint NOT NULL,
        "tax_minor" bigint NOT NULL,
        "total_minor" bigint NOT NULL,
        CONSTRAINT "line_items_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "line_items_opportunity_fkey" FOREIGN KEY ("tenant_id", "opportunity_id") REFERENCES "opportunities" ("tenant_id", "id"),
        CONSTRAINT "line_items_quote_fkey" FOREIGN KEY ("tenant_id", "quote_id") REFERENCES "quotes" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "line_items_opportunity_idx" ON "line_items" ("tenant_id", "opportunity_id", "position")`,
    );
    await queryRunner.query(
      `CREATE INDEX "line_items_quote_idx" ON "line_items" ("tenant_id", "quote_id", "position")`,
    );
    await protectTenantTable(queryRunner, 'line_items');

    await queryRunner.query(`
      CREATE TABLE "quote_counters" (
        "tenant_id" uuid NOT NULL,
        "last_number" integer NOT NULL,
        CONSTRAINT "quote_counters_pkey" PRIMARY KEY ("tenant_id")
      )`);
    await protectTenantTable(queryRunner, 'quote_counters');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "quote_counters"`);
    await queryRunner.query(`DROP TABLE "line_items"`);
    await queryRunner.query(`DROP TABLE "quotes"`);
    await queryRunner.query(`DROP TYPE "quote_status"`);
  }
}
