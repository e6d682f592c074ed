import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/** Orders with their lines, status history, payments, refunds and shipments; the per-tenant number counter. */
export class CreateOrders1764259200001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "order_channel" AS ENUM ('WEB', 'STORE', 'SALES_REP', 'PHONE', 'MARKETPLACE')`,
    );
    await queryRunner.query(
      `CREATE TYPE "order_status" AS ENUM ('PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "payment_status" AS ENUM ('UNPAID', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "fulfilment_status" AS ENUM ('UNFULFILLED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'RETURNED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "payment_method" AS ENUM ('CARD', 'ONLINE_GATEWAY', 'BANK_TRANSFER', 'CASH', 'CHEQUE', 'CREDIT')`,
    );

    await queryRunner.query(`
      CREATE TABLE "order_counters" (
        "tenant_id" uuid NOT NULL,
        "last_number" bigint NOT NULL,
        CONSTRAINT "order_counters_pkey" PRIMARY KEY ("tenant_id")
      )`);
    await protectTenantTable(queryRunner, 'order_counters');

    await queryRunner.query(`
      CREATE TABLE "orders" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "number" text NOT NULL,
        "account_id" uuid NOT NULL,
        "contact_id" uuid,
        "sales_model" "sales_model" NOT NULL,
        "channel" "order_channel" NOT NULL,
        "currency" text NOT NULL,
        "status" "order_status" NOT NULL,
        "payment_status" "payment_status" NOT NULL,
        "fulfilment_status" "fulfilment_status" NOT NULL,
        "subtotal_minor" bigint NOT NULL,
        "discount_minor" bigint NOT NULL,
        "tax_minor" bigint NOT NULL,
        "total_minor" bigint NOT NULL,
        "paid_minor" bigint NOT NULL,
        "refunded_minor" bigint NOT NULL,
        "opportunity_id" uuid,
        "quote_id" uuid,
        "campaign_id" uuid,
        "owner_id" uuid,
        "cancellation_reason" text,
        "idempotency_key" text NOT NULL,
        "payload_hash" text NOT NULL,
        "placed_at" timestamptz(3) NOT NULL,
        "personal_data_erased_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "orders_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "orders_number_key" ON "orders" ("tenant_id", "number")`);
    // The backstop of idempotent placement: two concurrent retries can never both insert.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "orders_idempotency_key" ON "orders" ("tenant_id", "idempotency_key")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "orders_quote_key" ON "orders" ("tenant_id", "quote_id") WHERE "quote_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_listing_idx" ON "orders" ("tenant_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_account_idx" ON "orders" ("tenant_id", "account_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_opportunity_idx" ON "orders" ("tenant_id", "opportunity_id")`,
    );
    await protectTenantTable(queryRunner, 'orders');

    await queryRunner.query(`
      CREATE TABLE "order_lines" (
        "tenant_id" uuid NOT NULL,
        "order_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "product_id" uuid NOT NULL,
        "sku" text NOT NULL,
        "description" text NOT NULL,
        "category" text,
        "quantity" integer NOT NULL,
        "unit_price_minor" bigint NOT NULL,
        "discount_bp" integer NOT NULL,
        "tax_rate_bp" integer NOT NULL,
        "gross_minor" bigint NOT NULL,
        "discount_minor" bigint NOT NULL,
        "tax_minor" bigint NOT NULL,
        "total_minor" bigint NOT NULL,
        CONSTRAINT "order_lines_pkey" PRIMARY KEY ("tenant_id", "order_id", "position"),
        CONSTRAINT "order_lines_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders" ("tenant_id", "id"),
        CONSTRAINT "order_lines_product_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products" ("tenant_id", "id")
      )`);
    await protectTenantTable(queryRunner, 'order_lines');

    await queryRunner.query(`
      CREATE TABLE "order_status_changes" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "order_id" uuid NOT NULL,
        "field" text NOT NULL,
        "from_status" text,
        "to_status" text NOT NULL,
        "changed_at" timestamptz(3) NOT NULL,
        "changed_by" uuid,
        CONSTRAINT "order_status_changes_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "order_status_changes_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "order_status_changes_order_idx" ON "order_status_changes" ("tenant_id", "order_id", "changed_at")`,
    );
    await protectTenantTable(queryRunner, 'order_status_changes');

    await queryRunner.query(`
      CREATE TABLE "payments" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "order_id" uuid NOT NULL,
        "amount_minor" bigint NOT NULL,
        "currency" text NOT NULL,
        "method" "payment_method" NOT NULL,
        "reference" text,
        "idempotency_key" text NOT NULL,
        "payload_hash" text NOT NULL,
        "received_at" timestamptz(3) NOT NULL,
        "refunded_minor" bigint NOT NULL,
        "recorded_by" uuid,
        CONSTRAINT "payments_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "payments_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payments_idempotency_key" ON "payments" ("tenant_id", "idempotency_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "payments_order_idx" ON "payments" ("tenant_id", "order_id", "received_at")`,
    );
    await protectTenantTable(queryRunner, 'payments');

    await queryRunner.query(`
      CREATE TABLE "refunds" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "payment_id" uuid NOT NULL,
        "order_id" uuid NOT NULL,
        "amount_minor" bigint NOT NULL,
        "reason" text NOT NULL,
        "refunded_at" timestamptz(3) NOT NULL,
        "refunded_by" uuid,
        CONSTRAINT "refunds_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "refunds_payment_fkey" FOREIGN KEY ("tenant_id", "payment_id") REFERENCES "payments" ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "refunds_order_idx" ON "refunds" ("tenant_id", "order_id")`);
    await protectTenantTable(queryRunner, 'refunds');

    await queryRunner.query(`
      CREATE TABLE "shipments" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "order_id" uuid NOT NULL,
        "carrier" text,
        "tracking_code" text,
        "dispatched_at" timestamptz(3) NOT NULL,
        "delivered_at" timestamptz(3),
        CONSTRAINT "shipments_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "shipments_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "shipments_order_idx" ON "shipments" ("tenant_id", "order_id", "dispatched_at")`,
    );
    await protectTenantTable(queryRunner, 'shipments');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'shipments',
      'refunds',
      'payments',
      'order_status_changes',
      'order_lines',
      'orders',
      'order_counters',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    for (const type of [
      'payment_method',
      'fulfilment_status',
      'payment_status',
      'order_status',
      'order_channel',
    ]) {
      await queryRunner.query(`DROP TYPE "${type}"`);
    }
  }
}
