import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/**
 * Distinct customers per calendar period, kept as events are applied (src/projection/customer-periods.ts):
 * - `period_customer`: (period, sales model or ALL, account) → counted orders of the account whose
 *   first payment falls in the period: the membership, with its reference count;
 * - `period_customer_count`: (period, sales model or ALL) → accounts whose count is above 0, changed
 *   only when a membership goes 0 ↔ 1+. A period is (calendar, granularity, first local day).
 */
const TABLES: Array<[name: string, definition: string]> = [
  [
    'period_customer',
    `"tenant_id" uuid NOT NULL,
     "currency" char(3) NOT NULL,
     "calendar" text NOT NULL,
     "granularity" text NOT NULL,
     "bucket_start" date NOT NULL,
     "sales_model_key" text NOT NULL,
     "account_id" uuid NOT NULL,
     "orders" integer NOT NULL,
     PRIMARY KEY ("tenant_id", "currency", "calendar", "granularity", "bucket_start", "sales_model_key", "account_id")`,
  ],
  [
    'period_customer_count',
    `"tenant_id" uuid NOT NULL,
     "currency" char(3) NOT NULL,
     "calendar" text NOT NULL,
     "granularity" text NOT NULL,
     "bucket_start" date NOT NULL,
     "sales_model_key" text NOT NULL,
     "customers" integer NOT NULL,
     PRIMARY KEY ("tenant_id", "currency", "calendar", "granularity", "bucket_start", "sales_model_key")`,
  ],
];

export class CreateCustomerPeriods1764259200002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of TABLES) {
      await queryRunner.query(`CREATE TABLE "${name}" (${definition})`);
      await protectTenantTable(queryRunner, name);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE "${name}"`);
  }
}
