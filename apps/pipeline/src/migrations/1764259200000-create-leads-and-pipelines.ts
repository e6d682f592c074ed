import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateLeadsAndPipelines1764259200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "sales_model" AS ENUM ('B2B', 'B2C')`);
    await queryRunner.query(
      `CREATE TYPE "lead_status" AS ENUM ('NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED')`,
    );
    await queryRunner.query(
      `CREATE TYPE "lead_source" AS ENUM ('WEB', 'REFERRAL', 'CAMPAIGN', 'EVENT', 'COLD_CALL', 'PARTNER', 'OTHER')`,
    );
    await queryRunner.query(`CREATE TYPE "stage_type" AS ENUM ('OPEN', 'WON', 'LOST')`);
    await queryRunner.query(
      `CREATE TYPE "forecast_category" AS ENUM ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED')`,
    );
    await queryRunner.query(`
      CREATE TABLE "leads" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "status" "lead_status" NOT NULL,
        "source" "lead_source" NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "company_name" text,
        "first_name" text,
        "last_name" text,
        "email" text,
        "phone" text,
        "campaign_id" uuid,
        "score" integer,
        "owner_id" uuid,
        "custom_fields" jsonb NOT NULL,
        "disqualified_reason" text,
        "converted_account_id" uuid,
        "converted_contact_id" uuid,
        "converted_opportunity_id" uuid,
        "converted_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "leads_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "leads_listing_idx" ON "leads" ("tenant_id", "created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "leads_status_idx" ON "leads" ("tenant_id", "status", "created_at", "id")`,
    );
    // AccountMerged and AccountErased find the leads converted into an account.
    await queryRunner.query(
      `CREATE INDEX "leads_converted_account_idx" ON "leads" ("tenant_id", "converted_account_id")`,
    );
    await protectTenantTable(queryRunner, 'leads');

    await queryRunner.query(`
      CREATE TABLE "pipelines" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "is_default" boolean NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "pipelines_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await protectTenantTable(queryRunner, 'pipelines');

    await queryRunner.query(`
      CREATE TABLE "stages" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "pipeline_id" uuid NOT NULL,
        "name" text NOT NULL,
        "position" integer NOT NULL,
        "probability" integer NOT NULL,
        "type" "stage_type" NOT NULL,
        "forecast_category" "forecast_category" NOT NULL,
        CONSTRAINT "stages_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "stages_pipeline_fkey" FOREIGN KEY ("tenant_id", "pipeline_id") REFERENCES "pipelines" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "stages_position_key" ON "stages" ("tenant_id", "pipeline_id", "position")`,
    );
    await protectTenantTable(queryRunner, 'stages');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stages"`);
    await queryRunner.query(`DROP TABLE "pipelines"`);
    await queryRunner.query(`DROP TABLE "leads"`);
    await queryRunner.query(`DROP TYPE "forecast_category"`);
    await queryRunner.query(`DROP TYPE "stage_type"`);
    await queryRunner.query(`DROP TYPE "lead_source"`);
    await queryRunner.query(`DROP TYPE "lead_status"`);
    await queryRunner.query(`DROP TYPE "sales_model"`);
  }
}
