import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/**
 * Data management: where merged accounts went, and the right-to-erasure requests with each
 * service's acknowledgement. Accounts themselves stay as they are: a merged account is archived and
 * keeps its row (other services may still hold its id until they re-point), an erased one keeps an
 * anonymised row, which is the tombstone replays are checked against.
 */
export class CreateMergesAndErasures1764172800100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "account_merges" (
        "tenant_id" uuid NOT NULL,
        "merged_id" uuid NOT NULL,
        "survivor_id" uuid NOT NULL,
        "merged_at" timestamptz(3) NOT NULL DEFAULT now(),
        "merged_by" uuid NOT NULL,
        CONSTRAINT "account_merges_pkey" PRIMARY KEY ("tenant_id", "merged_id"),
        CONSTRAINT "account_merges_merged_fkey" FOREIGN KEY ("tenant_id", "merged_id") REFERENCES "accounts" ("tenant_id", "id"),
        CONSTRAINT "account_merges_survivor_fkey" FOREIGN KEY ("tenant_id", "survivor_id") REFERENCES "accounts" ("tenant_id", "id")
      )`);
    // A later merge of the survivor re-points the ids merged into it earlier: found by survivor.
    await queryRunner.query(
      `CREATE INDEX "account_merges_survivor_idx" ON "account_merges" ("tenant_id", "survivor_id")`,
    );
    await protectTenantTable(queryRunner, 'account_merges');

    await queryRunner.query(`
      CREATE TABLE "erasure_requests" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "contact_ids" uuid[] NOT NULL,
        "requested_at" timestamptz(3) NOT NULL,
        "requested_by" uuid NOT NULL,
        CONSTRAINT "erasure_requests_pkey" PRIMARY KEY ("tenant_id", "account_id"),
        CONSTRAINT "erasure_requests_account_fkey" FOREIGN KEY ("tenant_id", "account_id") REFERENCES "accounts" ("tenant_id", "id")
      )`);
    await protectTenantTable(queryRunner, 'erasure_requests');

    // No foreign key: an acknowledgement is recorded as it arrives, whatever accounts knows by then.
    await queryRunner.query(`
      CREATE TABLE "erasure_acknowledgements" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "service" text NOT NULL,
        "completed_at" timestamptz(3) NOT NULL,
        CONSTRAINT "erasure_acknowledgements_pkey" PRIMARY KEY ("tenant_id", "account_id", "service")
      )`);
    await protectTenantTable(queryRunner, 'erasure_acknowledgements');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "erasure_acknowledgements"`);
    await queryRunner.query(`DROP TABLE "erasure_requests"`);
    await queryRunner.query(`DROP TABLE "account_merges"`);
  }
}
