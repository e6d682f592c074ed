import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/** Products, price lists with their volume-tier entries, and the account projection that picks a list. */
export class CreateCatalog1764259200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "sales_model" AS ENUM ('B2B', 'B2C')`);
    await queryRunner.query(`CREATE TYPE "product_type" AS ENUM ('GOODS', 'SERVICE', 'SUBSCRIPTION')`);
    await queryRunner.query(`
      CREATE TABLE "products" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "sku" text NOT NULL,
        "name" text NOT NULL,
        "type" "product_type" NOT NULL,
        "category" text,
        "unit" text NOT NULL,
        "tax_rate_bp" integer NOT NULL,
        "active" boolean NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "products_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "products_sku_key" ON "products" ("tenant_id", "sku")`);
    await queryRunner.query(
      `CREATE INDEX "products_listing_idx" ON "products" ("tenant_id", "created_at", "id")`,
    );
    await protectTenantTable(queryRunner, 'products');

    await queryRunner.query(`
      CREATE TABLE "price_lists" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "tier" text,
        "currency" text NOT NULL,
        "tax_inclusive" boolean NOT NULL,
        "is_default" boolean NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "price_lists_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    // Price resolution must find exactly one list per tier and one fallback per sales model.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "price_lists_tier_key" ON "price_lists" ("tenant_id", "sales_model", "tier") WHERE "tier" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "price_lists_default_key" ON "price_lists" ("tenant_id", "sales_model") WHERE "is_default"`,
    );
    await protectTenantTable(queryRunner, 'price_lists');

    await queryRunner.query(`
      CREATE TABLE "price_entries" (
        "tenant_id" uuid NOT NULL,
        "price_list_id" uuid NOT NULL,
        "product_id" uuid NOT NULL,
        "min_quantity" integer NOT NULL,
        "unit_price_minor" bigint NOT NULL,
        CONSTRAINT "price_entries_pkey" PRIMARY KEY ("tenant_id", "price_list_id", "product_id", "min_quantity"),
        CONSTRAINT "price_entries_list_fkey" FOREIGN KEY ("tenant_id", "price_list_id") REFERENCES "price_lists" ("tenant_id", "id"),
        CONSTRAINT "price_entries_product_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products" ("tenant_id", "id")
      )`);
    await protectTenantTable(queryRunner, 'price_entries');

    await queryRunner.query(`
      CREATE TABLE "account_profiles" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "tier" text,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "account_profiles_pkey" PRIMARY KEY ("tenant_id", "account_id")
      )`);
    await protectTenantTable(queryRunner, 'account_profiles');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_profiles"`);
    await queryRunner.query(`DROP TABLE "price_entries"`);
    await queryRunner.query(`DROP TABLE "price_lists"`);
    await queryRunner.query(`DROP TABLE "products"`);
    await queryRunner.query(`DROP TYPE "product_type"`);
    await queryRunner.query(`DROP TYPE "sales_model"`);
  }
}
