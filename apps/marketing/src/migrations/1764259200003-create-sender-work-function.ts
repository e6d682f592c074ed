import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole } from '@crm/database';

/**
 * The sender loop serves every tenant, but row-level security shows the application role only the
 * tenant of its transaction. This SECURITY DEFINER function (run as the owner) answers the one
 * cross-tenant question the loop has, "which campaigns have work", with ids only; the loop then
 * does the work itself inside each tenant's scope, under row-level security as usual.
 */
export class CreateSenderWorkFunction1764259200003 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "campaigns_with_work"() RETURNS TABLE ("tenant_id" uuid, "campaign_id" uuid, "status" text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
        SELECT "c"."tenant_id", "c"."id", "c"."status" FROM "campaigns" "c"
        WHERE "c"."status" = 'SENDING' OR ("c"."status" = 'SCHEDULED' AND "c"."scheduled_at" <= now())
        ORDER BY "c"."launched_at" NULLS LAST, "c"."id"
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "campaigns_with_work"() FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION "campaigns_with_work"() TO ${applicationRole()}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "campaigns_with_work"()`);
  }
}
