import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/** Local copies of what other services own, built from their events (never fetched synchronously). */
export class CreateProjections1764259200003 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "products" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "sku" text NOT NULL,
        "name" text NOT NULL,
        "tax_rate_basis_points" integer NOT NULL,
        "active" boolean NOT NULL,
        CONSTRAINT "products_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
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
        CONSTRAINT "price_lists_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await protectTenantTable(queryRunner, 'price_lists');

    await queryRunner.query(`
      CREATE TABLE "price_list_entries" (
        "tenant_id" uuid NOT NULL,
        "price_list_id" uuid NOT NULL,
        "product_id" uuid NOT NULL,
        "min_quantity" integer NOT NULL,
        "unit_price_minor" bigint NOT NULL,
        CONSTRAINT "price_list_entries_pkey" PRIMARY KEY ("tenant_id", "price_list_id", "product_id", "min_quantity")
      )`);
    await queryRunner.query(
      `CREATE INDEX "price_list_entries_product_idx" ON "price_list_entries" ("tenant_id", "product_id")`,
    );
    await protectTenantTable(queryRunner, 'price_list_entries');

    await queryRunner.query(`
      CREATE TABLE "account_profiles" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "tier" text,
        "archived" boolean NOT NULL,
        CONSTRAINT "account_profiles_pkey" PRIMARY KEY ("tenant_id", "account_id")
      )`);
    await protectTenantTable(queryRunner, 'account_profiles');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_profiles"`);
    await queryRunner.query(`DROP TABLE "price_list_entries"`);
    await queryRunner.query(`DROP TABLE "price_lists"`);
    await queryRunner.query(`DROP TABLE "products"`);
  }
}
