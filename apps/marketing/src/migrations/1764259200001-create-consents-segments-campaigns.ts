import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateConsentsSegmentsCampaigns1764259200001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // An erased account's row stays (as a suppression record: the id and the state, nothing else).
    await queryRunner.query(`
      CREATE TABLE "consents" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "channel" text NOT NULL CHECK ("channel" IN ('EMAIL', 'SMS')),
        "state" text NOT NULL CHECK ("state" IN ('OPTED_IN', 'OPTED_OUT', 'UNKNOWN')),
        "source" text NOT NULL,
        "changed_at" timestamptz(3) NOT NULL,
        "version" integer NOT NULL,
        CONSTRAINT "consents_pkey" PRIMARY KEY ("tenant_id", "account_id", "channel")
      )`);
    await protectTenantTable(queryRunner, 'consents');

    await queryRunner.query(`
      CREATE TABLE "segments" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "rules" jsonb NOT NULL,
        "created_by" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "segments_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await protectTenantTable(queryRunner, 'segments');

    await queryRunner.query(`
      CREATE TABLE "campaigns" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "channel" text NOT NULL CHECK ("channel" IN ('EMAIL', 'SMS')),
        "status" text NOT NULL CHECK ("status" IN ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED')),
        "segment_id" uuid NOT NULL,
        "subject" text,
        "body" text NOT NULL,
        "scheduled_at" timestamptz(3),
        "launched_at" timestamptz(3),
        "created_by" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "campaigns_pkey" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "campaigns_segment_fkey" FOREIGN KEY ("tenant_id", "segment_id") REFERENCES "segments" ("tenant_id", "id")
      )`);
    // Not tenant-first on purpose: the sender's campaigns_with_work() looks across tenants.
    await queryRunner.query(`CREATE INDEX "campaigns_status_idx" ON "campaigns" ("status", "scheduled_at")`);
    await protectTenantTable(queryRunner, 'campaigns');

    // SENDING is internal: claimed by a sender, outcome not yet recorded (shown as QUEUED).
    await queryRunner.query(`
      CREATE TABLE "campaign_recipients" (
        "tenant_id" uuid NOT NULL,
        "campaign_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED', 'SKIPPED_NO_CONSENT', 'OPENED', 'CLICKED')),
        "message_id" text NOT NULL,
        "claimed_at" timestamptz(3),
        "attempts" integer NOT NULL DEFAULT 0,
        "retry_at" timestamptz(3),
        "sent_at" timestamptz(3),
        "opened_at" timestamptz(3),
        "clicked_at" timestamptz(3),
        "error" text,
        CONSTRAINT "campaign_recipients_pkey" PRIMARY KEY ("tenant_id", "campaign_id", "account_id"),
        CONSTRAINT "campaign_recipients_campaign_fkey" FOREIGN KEY ("tenant_id", "campaign_id") REFERENCES "campaigns" ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "campaign_recipients_pending_idx" ON "campaign_recipients" ("tenant_id", "campaign_id", "status") WHERE "status" IN ('QUEUED', 'SENDING')`,
    );
    await queryRunner.query(
      `CREATE INDEX "campaign_recipients_account_idx" ON "campaign_recipients" ("tenant_id", "account_id")`,
    );
    await protectTenantTable(queryRunner, 'campaign_recipients');

    await queryRunner.query(`
      CREATE TABLE "visits" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "visitor_id" text NOT NULL,
        "account_id" uuid,
        "url" text NOT NULL,
        "utm_source" text,
        "utm_medium" text,
        "utm_campaign" text,
        "campaign_id" uuid,
        "visited_at" timestamptz(3) NOT NULL,
        CONSTRAINT "visits_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "visits_account_idx" ON "visits" ("tenant_id", "account_id", "visited_at")`,
    );
    await protectTenantTable(queryRunner, 'visits');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['visits', 'campaign_recipients', 'campaigns', 'segments', 'consents']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
