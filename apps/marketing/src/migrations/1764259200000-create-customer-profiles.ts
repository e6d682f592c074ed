import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/**
 * The customer profile projection, built only from accounts, orders and interactions events.
 * Orders and their lines are kept per order, so every order event recomputes the account's
 * aggregates from facts (idempotent, order-independent) instead of adding deltas.
 */
export class CreateCustomerProfiles1764259200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "customer_profiles" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "kind" text,
        "sales_model" text,
        "display_name" text,
        "first_name" text,
        "last_name" text,
        "industry" text,
        "tier" text,
        "tags" text[] NOT NULL DEFAULT '{}',
        "city" text,
        "lifecycle_stage" text,
        "emails" text[] NOT NULL DEFAULT '{}',
        "phones" text[] NOT NULL DEFAULT '{}',
        "archived" boolean NOT NULL DEFAULT false,
        "erased" boolean NOT NULL DEFAULT false,
        "merged_into" uuid,
        "order_count" integer NOT NULL DEFAULT 0,
        "total_spent_minor" bigint NOT NULL DEFAULT 0,
        "refunded_minor" bigint NOT NULL DEFAULT 0,
        "first_order_at" timestamptz(3),
        "last_order_at" timestamptz(3),
        "purchased_product_ids" uuid[] NOT NULL DEFAULT '{}',
        "purchased_categories" text[] NOT NULL DEFAULT '{}',
        "last_interaction_at" timestamptz(3),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "customer_profiles_pkey" PRIMARY KEY ("tenant_id", "account_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "customer_profiles_last_order_idx" ON "customer_profiles" ("tenant_id", "last_order_at")`,
    );
    await protectTenantTable(queryRunner, 'customer_profiles');

    await queryRunner.query(`
      CREATE TABLE "profile_contacts" (
        "tenant_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "account_id" uuid,
        "first_name" text,
        "last_name" text,
        "is_primary" boolean NOT NULL,
        "emails" text[] NOT NULL DEFAULT '{}',
        "phones" text[] NOT NULL DEFAULT '{}',
        CONSTRAINT "profile_contacts_pkey" PRIMARY KEY ("tenant_id", "contact_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "profile_contacts_account_idx" ON "profile_contacts" ("tenant_id", "account_id")`,
    );
    await protectTenantTable(queryRunner, 'profile_contacts');

    await queryRunner.query(`
      CREATE TABLE "profile_orders" (
        "tenant_id" uuid NOT NULL,
        "order_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "placed_at" timestamptz(3) NOT NULL,
        "total_minor" bigint NOT NULL,
        "currency" char(3) NOT NULL,
        "refunded_minor" bigint NOT NULL DEFAULT 0,
        "cancelled" boolean NOT NULL DEFAULT false,
        "product_ids" uuid[] NOT NULL,
        "categories" text[] NOT NULL,
        CONSTRAINT "profile_orders_pkey" PRIMARY KEY ("tenant_id", "order_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "profile_orders_account_idx" ON "profile_orders" ("tenant_id", "account_id", "placed_at")`,
    );
    await protectTenantTable(queryRunner, 'profile_orders');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "profile_orders"`);
    await queryRunner.query(`DROP TABLE "profile_contacts"`);
    await queryRunner.query(`DROP TABLE "customer_profiles"`);
  }
}
