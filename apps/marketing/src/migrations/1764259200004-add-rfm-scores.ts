import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole } from '@crm/database';

/**
 * RFM quintiles kept on the profile, refreshed periodically (profile/rfm-refresher.ts): computing
 * NTILE over a year of orders inside every segment query took seconds on a million orders.
 * `tenants_with_profiles()` (SECURITY DEFINER, ids only) lets the refresher find the tenants it
 * then works on inside each tenant's scope, like the sender's `campaigns_with_work()`.
 */
export class AddRfmScores1764259200004 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "customer_profiles"
        ADD COLUMN "rfm_recency" smallint,
        ADD COLUMN "rfm_frequency" smallint,
        ADD COLUMN "rfm_monetary" smallint`);
    await queryRunner.query(`
      CREATE FUNCTION "tenants_with_profiles"() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT DISTINCT "tenant_id" FROM "customer_profiles" $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "tenants_with_profiles"() FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION "tenants_with_profiles"() TO ${applicationRole()}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "tenants_with_profiles"()`);
    await queryRunner.query(`
      ALTER TABLE "customer_profiles" DROP COLUMN "rfm_recency", DROP COLUMN "rfm_frequency", DROP COLUMN "rfm_monetary"`);
  }
}
