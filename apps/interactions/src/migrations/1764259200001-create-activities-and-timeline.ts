import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateActivitiesAndTimeline1764259200001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "activity_type" AS ENUM ('CALL', 'MEETING', 'EMAIL', 'MESSAGE', 'NOTE')`,
    );
    await queryRunner.query(
      `CREATE TYPE "activity_channel" AS ENUM ('PHONE', 'EMAIL', 'SMS', 'WHATSAPP', 'IN_PERSON', 'VIDEO', 'WEB', 'SYSTEM')`,
    );
    await queryRunner.query(`CREATE TYPE "activity_direction" AS ENUM ('INBOUND', 'OUTBOUND')`);
    await queryRunner.query(`CREATE TYPE "activity_status" AS ENUM ('PLANNED', 'DONE', 'CANCELLED')`);
    await queryRunner.query(`
      CREATE TABLE "activities" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "type" "activity_type" NOT NULL,
        "channel" "activity_channel" NOT NULL,
        "direction" "activity_direction",
        "status" "activity_status" NOT NULL,
        "subject" text NOT NULL,
        "body" text,
        "starts_at" timestamptz(3) NOT NULL,
        "ends_at" timestamptz(3),
        "outcome" text,
        "account_id" uuid,
        "contact_ids" uuid array NOT NULL,
        "opportunity_id" uuid,
        "order_id" uuid,
        "owner_id" uuid,
        "completed_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "activities_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    // A month of a team's calendar: one index range per owner (or one for the whole tenant).
    await queryRunner.query(
      `CREATE INDEX "activities_owner_calendar_idx" ON "activities" ("tenant_id", "owner_id", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "activities_calendar_idx" ON "activities" ("tenant_id", "starts_at")`,
    );
    // Account.activities / Opportunity.activities pages, newest first, read backwards.
    await queryRunner.query(
      `CREATE INDEX "activities_account_idx" ON "activities" ("tenant_id", "account_id", "starts_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "activities_opportunity_idx" ON "activities" ("tenant_id", "opportunity_id", "starts_at", "id")`,
    );
    await protectTenantTable(queryRunner, 'activities');

    await queryRunner.query(`
      CREATE TABLE "activity_contacts" (
        "tenant_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "activity_id" uuid NOT NULL,
        CONSTRAINT "activity_contacts_pkey" PRIMARY KEY ("tenant_id", "contact_id", "activity_id")
      )`);
    await protectTenantTable(queryRunner, 'activity_contacts');

    await queryRunner.query(`
      CREATE TABLE "timeline_entries" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "at" timestamptz(3) NOT NULL,
        "kind" text NOT NULL,
        "summary" text NOT NULL,
        "activity_id" uuid,
        "source_event_id" uuid,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "timeline_entries_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "timeline_entries_account_idx" ON "timeline_entries" ("tenant_id", "account_id", "at", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "timeline_entries_activity_key" ON "timeline_entries" ("tenant_id", "activity_id") WHERE "activity_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "timeline_entries_source_event_key" ON "timeline_entries" ("tenant_id", "source_event_id") WHERE "source_event_id" IS NOT NULL`,
    );
    await protectTenantTable(queryRunner, 'timeline_entries');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "timeline_entries"`);
    await queryRunner.query(`DROP TABLE "activity_contacts"`);
    await queryRunner.query(`DROP TABLE "activities"`);
    await queryRunner.query(`DROP TYPE "activity_status"`);
    await queryRunner.query(`DROP TYPE "activity_direction"`);
    await queryRunner.query(`DROP TYPE "activity_channel"`);
    await queryRunner.query(`DROP TYPE "activity_type"`);
  }
}
