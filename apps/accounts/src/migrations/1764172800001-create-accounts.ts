import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole, protectTenantTable } from '@crm/database';

export class CreateAccounts1764172800001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm: substring search on names, emails and phones through a GIN index. btree_gin: lets that
    // GIN index lead with tenant_id (a uuid) like every other index here.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await queryRunner.query(`CREATE TYPE "account_kind" AS ENUM ('COMPANY', 'PERSON')`);
    await queryRunner.query(`CREATE TYPE "sales_model" AS ENUM ('B2B', 'B2C')`);
    await queryRunner.query(`CREATE TYPE "lifecycle_stage" AS ENUM ('PROSPECT', 'CUSTOMER', 'CHURNED')`);
    await queryRunner.query(`
      CREATE TABLE "accounts" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "kind" "account_kind" NOT NULL,
        "sales_model" "sales_model" NOT NULL,
        "display_name" text NOT NULL,
        "legal_name" text,
        "industry" text,
        "registration_number" text,
        "tax_id" text,
        "website" text,
        "employee_count" integer,
        "parent_id" uuid,
        "first_name" text,
        "last_name" text,
        "birth_date" date,
        "emails" text[] NOT NULL,
        "phones" text[] NOT NULL,
        "addresses" jsonb NOT NULL,
        "tier" text,
        "tags" text[] NOT NULL,
        "lifecycle_stage" "lifecycle_stage" NOT NULL,
        "owner_id" uuid,
        "custom_fields" jsonb,
        "archived_at" timestamptz(3),
        "search_text" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "accounts_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "accounts_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("tenant_id"),
        -- tenant_id in both keys: an owner or parent can only ever be of the same tenant.
        CONSTRAINT "accounts_owner_fkey" FOREIGN KEY ("tenant_id", "owner_id") REFERENCES "users" ("tenant_id", "id"),
        CONSTRAINT "accounts_parent_fkey" FOREIGN KEY ("tenant_id", "parent_id") REFERENCES "accounts" ("tenant_id", "id")
      )`);
    // The listing order (created_at, id) within a tenant, walked backwards for newest first.
    await queryRunner.query(
      `CREATE INDEX "accounts_listing_idx" ON "accounts" ("tenant_id", "created_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "accounts_owner_idx" ON "accounts" ("tenant_id", "owner_id")`);
    await queryRunner.query(`CREATE INDEX "accounts_parent_idx" ON "accounts" ("tenant_id", "parent_id")`);
    await queryRunner.query(
      `CREATE INDEX "accounts_search_idx" ON "accounts" USING gin ("tenant_id", "search_text" gin_trgm_ops)`,
    );
    await protectTenantTable(queryRunner, 'accounts');
    await createSearchFunction(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "account_ids_matching"(text[])`);
    await queryRunner.query(`DROP TABLE "accounts"`);
    await queryRunner.query(`DROP TYPE "lifecycle_stage"`);
    await queryRunner.query(`DROP TYPE "sales_model"`);
    await queryRunner.query(`DROP TYPE "account_kind"`);
  }
}

/**
 * Search must use the trigram index, but under row-level security PostgreSQL only lets *leakproof*
 * operators into index conditions, and LIKE and regex matching are not leakproof: the application
 * role would read every row of the tenant. So the search runs in this SECURITY DEFINER function,
 * as the owner. It scopes itself to the tenant of the transaction exactly as the policy does (the
 * caller cannot name another tenant), and returns only ids, which the caller's query then reads
 * under row-level security as usual. The index is used when the owner bypasses row-level security
 * (a superuser, or a role with BYPASSRLS); otherwise results are the same, only slower.
 *
 * Each element of `word_patterns` is a regular expression one word of the query must match. The
 * first (the caller passes the most selective) drives the index; the others filter its matches.
 */
async function createSearchFunction(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION "account_ids_matching"("word_patterns" text[]) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
      SELECT "a"."id" FROM "accounts" "a"
      WHERE "a"."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid
        AND "a"."search_text" ~ "word_patterns"[1]
        AND NOT EXISTS (SELECT 1 FROM unnest("word_patterns") AS "p" ("pattern") WHERE "a"."search_text" !~ "p"."pattern")
    $$`);
  await queryRunner.query(`REVOKE ALL ON FUNCTION "account_ids_matching"(text[]) FROM PUBLIC`);
  await queryRunner.query(`GRANT EXECUTE ON FUNCTION "account_ids_matching"(text[]) TO ${applicationRole()}`);
}
