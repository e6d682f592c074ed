import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateOpportunities1764259200001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "opportunities" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "account_id" uuid NOT NULL,
        "pipeline_id" uuid NOT NULL,
        "stage_id" uuid NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "amount_minor" bigint NOT NULL,
        "currency" text NOT NULL,
        "probability_override" integer,
        "expected_close_date" date,
        "owner_id" uuid,
        "source" "lead_source",
        "campaign_id" uuid,
        "lead_id" uuid,
        "lost_reason" text,
        "closed_at" timestamptz(3),
        "stage_entered_at" timestamptz(3) NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "opportunities_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "opportunities_pipeline_fkey" FOREIGN KEY ("tenant_id", "pipeline_id") REFERENCES "pipelines" ("tenant_id", "id"),
        CONSTRAINT "opportunities_stage_fkey" FOREIGN KEY ("tenant_id", "stage_id") REFERENCES "stages" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "opportunities_listing_idx" ON "opportunities" ("tenant_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunities_account_idx" ON "opportunities" ("tenant_id", "account_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunities_stage_idx" ON "opportunities" ("tenant_id", "stage_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunities_owner_idx" ON "opportunities" ("tenant_id", "owner_id")`,
    );
    await protectTenantTable(queryRunner, 'opportunities');

    await queryRunner.query(`
      CREATE TABLE "opportunity_contact_roles" (
        "tenant_id" uuid NOT NULL,
        "opportunity_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "role" text NOT NULL,
        "is_primary" boolean NOT NULL,
        CONSTRAINT "opportunity_contact_roles_pkey" PRIMARY KEY ("tenant_id", "opportunity_id", "contact_id"),
        CONSTRAINT "opportunity_contact_roles_opportunity_fkey" FOREIGN KEY ("tenant_id", "opportunity_id") REFERENCES "opportunities" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "opportunity_contact_roles_contact_idx" ON "opportunity_contact_roles" ("tenant_id", "contact_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "opportunity_contact_roles_one_primary" ON "opportunity_contact_roles" ("tenant_id", "opportunity_id") WHERE "is_primary"`,
    );
    await protectTenantTable(queryRunner, 'opportunity_contact_roles');

    await queryRunner.query(`
      CREATE TABLE "stage_visits" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "opportunity_id" uuid NOT NULL,
        "stage_id" uuid NOT NULL,
        "entered_at" timestamptz(3) NOT NULL,
        "exited_at" timestamptz(3),
        CONSTRAINT "stage_visits_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "stage_visits_opportunity_fkey" FOREIGN KEY ("tenant_id", "opportunity_id") REFERENCES "opportunities" ("tenant_id", "id"),
        CONSTRAINT "stage_visits_stage_fkey" FOREIGN KEY ("tenant_id", "stage_id") REFERENCES "stages" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "stage_visits_opportunity_idx" ON "stage_visits" ("tenant_id", "opportunity_id", "entered_at")`,
    );
    await protectTenantTable(queryRunner, 'stage_visits');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stage_visits"`);
    await queryRunner.query(`DROP TABLE "opportunity_contact_roles"`);
    await queryRunner.query(`DROP TABLE "opportunities"`);
  }
}
