import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/**
 * Server-side CSV import: the id an account has in the system it is migrated from (upsert key,
 * unique per tenant), and the import jobs with their row errors. A job's `rows_committed` advances
 * in the same transaction as each batch of rows, which is what makes a resumed import skip exactly
 * the rows already written.
 */
export class CreateImportJobs1764172800200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" ADD "external_id" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "accounts_external_id_key" ON "accounts" ("tenant_id", "external_id") WHERE "external_id" IS NOT NULL`,
    );

    await queryRunner.query(`CREATE TYPE "import_job_status" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED')`);
    await queryRunner.query(`
      CREATE TABLE "import_jobs" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "idempotency_key" text,
        "created_by" uuid NOT NULL,
        "status" "import_job_status" NOT NULL,
        "mapping" jsonb NOT NULL,
        -- The upload that currently owns the job: a resumed upload takes it over, and a batch of any
        -- other upload still running finds it gone and stops.
        "run_id" uuid NOT NULL,
        "run_started_at" timestamptz(3) NOT NULL,
        "run_start_row" integer NOT NULL,
        "rows_committed" integer NOT NULL DEFAULT 0,
        "created_count" integer NOT NULL DEFAULT 0,
        "updated_count" integer NOT NULL DEFAULT 0,
        "failed_count" integer NOT NULL DEFAULT 0,
        "bytes_read" bigint NOT NULL DEFAULT 0,
        "total_bytes" bigint,
        "failure" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "finished_at" timestamptz(3),
        CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "import_jobs_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("tenant_id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "import_jobs_idempotency_key" ON "import_jobs" ("tenant_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await protectTenantTable(queryRunner, 'import_jobs');

    await queryRunner.query(`
      CREATE TABLE "import_job_errors" (
        "tenant_id" uuid NOT NULL,
        "job_id" uuid NOT NULL,
        "row_number" integer NOT NULL,
        "position" smallint NOT NULL,
        "column_name" text,
        "message" text NOT NULL,
        CONSTRAINT "import_job_errors_pkey" PRIMARY KEY ("tenant_id", "job_id", "row_number", "position"),
        CONSTRAINT "import_job_errors_job_fkey" FOREIGN KEY ("tenant_id", "job_id") REFERENCES "import_jobs" ("tenant_id", "id") ON DELETE CASCADE
      )`);
    await protectTenantTable(queryRunner, 'import_job_errors');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_job_errors"`);
    await queryRunner.query(`DROP TABLE "import_jobs"`);
    await queryRunner.query(`DROP TYPE "import_job_status"`);
    await queryRunner.query(`DROP INDEX "accounts_external_id_key"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "external_id"`);
  }
}
