import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole } from '@crm/database';

const EVIDENCE_INDEXES = [
  'accounts_emails_idx',
  'accounts_phones_idx',
  'accounts_registration_number_idx',
  'accounts_tax_id_idx',
];

/**
 * duplicateAccounts at 100k accounts per tenant: each piece of evidence (email, phone, registration
 * number, tax id, name) finds its candidates through an index instead of reading the tenant.
 */
export class IndexDuplicateEvidence1764172800101 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // GIN over arrays answers "shares an email/phone" (&&); btree_gin lets tenant_id lead.
    await queryRunner.query(
      `CREATE INDEX "accounts_emails_idx" ON "accounts" USING gin ("tenant_id", "emails")`,
    );
    await queryRunner.query(
      `CREATE INDEX "accounts_phones_idx" ON "accounts" USING gin ("tenant_id", "phones")`,
    );
    await queryRunner.query(
      `CREATE INDEX "accounts_registration_number_idx" ON "accounts" ("tenant_id", "registration_number") WHERE "registration_number" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "accounts_tax_id_idx" ON "accounts" ("tenant_id", "tax_id") WHERE "tax_id" IS NOT NULL`,
    );
    await createCandidatesFunction(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION "account_duplicate_candidate_ids"(text, text[], text[], text, text, integer)`,
    );
    for (const index of EVIDENCE_INDEXES) await queryRunner.query(`DROP INDEX "${index}"`);
  }
}

/**
 * Array overlap (&&) and trigram word similarity (<%) are not leakproof, so under row-level security
 * PostgreSQL would not use their indexes for the application role (see `account_ids_matching` in
 * the accounts migration for the same pattern). This SECURITY DEFINER function scopes itself to the
 * transaction's tenant exactly as the policy does and returns only ids; the caller reads the rows
 * under row-level security. Similar names are capped at `name_limit`, most similar first; exact
 * evidence is not capped (it is selective by nature). A name must be at least 0.7 word-similar
 * (pg_trgm's default is 0.6): fewer index hits to recheck, and the application's own threshold
 * (SIMILAR_NAME_THRESHOLD) drops most of the weaker ones anyway.
 */
async function createCandidatesFunction(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION "account_duplicate_candidate_ids"(
      "wanted_name_key" text, "wanted_emails" text[], "wanted_phones" text[],
      "wanted_registration_number" text, "wanted_tax_id" text, "name_limit" integer
    ) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    SET pg_trgm.word_similarity_threshold = 0.7
    AS $$
      SELECT "a"."id" FROM "accounts" "a"
      WHERE "a"."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND "a"."emails" && "wanted_emails"
      UNION
      SELECT "a"."id" FROM "accounts" "a"
      WHERE "a"."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND "a"."phones" && "wanted_phones"
      UNION
      SELECT "a"."id" FROM "accounts" "a"
      WHERE "a"."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid
        AND "a"."registration_number" IS NOT NULL AND "a"."registration_number" = "wanted_registration_number"
      UNION
      SELECT "a"."id" FROM "accounts" "a"
      WHERE "a"."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid
        AND "a"."tax_id" IS NOT NULL AND "a"."tax_id" = "wanted_tax_id"
      UNION
      (SELECT "a"."id" FROM "accounts" "a"
       WHERE "a"."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid
         AND "wanted_name_key" <> '' AND "wanted_name_key" <% "a"."search_text"
       ORDER BY word_similarity("wanted_name_key", "a"."search_text") DESC
       LIMIT "name_limit")
    $$`);
  await queryRunner.query(
    `REVOKE ALL ON FUNCTION "account_duplicate_candidate_ids"(text, text[], text[], text, text, integer) FROM PUBLIC`,
  );
  await queryRunner.query(
    `GRANT EXECUTE ON FUNCTION "account_duplicate_candidate_ids"(text, text[], text[], text, text, integer) TO ${applicationRole()}`,
  );
}
