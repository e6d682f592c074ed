import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateCustomerMessaging1764259200004 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "customer_notification_settings" (
        "tenant_id" uuid NOT NULL,
        "channel" text NOT NULL,
        "locale" text NOT NULL,
        "from_address" text,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "customer_notification_settings_pkey" PRIMARY KEY ("tenant_id")
      )`);
    await protectTenantTable(queryRunner, 'customer_notification_settings');

    await queryRunner.query(`CREATE TYPE "customer_message_channel" AS ENUM ('EMAIL', 'SMS')`);
    await queryRunner.query(
      `CREATE TYPE "customer_message_status" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'UNCONFIRMED')`,
    );
    await queryRunner.query(`
      CREATE TABLE "customer_messages" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "source_event_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "channel" "customer_message_channel" NOT NULL,
        "account_id" uuid NOT NULL,
        "order_id" uuid,
        "recipient" text,
        "from_address" text,
        "locale" text NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "status" "customer_message_status" NOT NULL,
        "reason" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "claimed_at" timestamptz(3),
        "sent_at" timestamptz(3),
        "provider_message_id" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "customer_messages_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    // The intent's identity: one message per source event and channel, whatever redelivers the event.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "customer_messages_source_event_key" ON "customer_messages" ("tenant_id", "source_event_id", "channel")`,
    );
    await queryRunner.query(
      `CREATE INDEX "customer_messages_account_idx" ON "customer_messages" ("tenant_id", "account_id", "created_at")`,
    );
    // Not tenant-first on purpose: the dispatcher asks which tenants have messages waiting at all.
    await queryRunner.query(
      `CREATE INDEX "customer_messages_open_idx" ON "customer_messages" ("created_at") WHERE "status" IN ('PENDING', 'SENDING')`,
    );
    await protectTenantTable(queryRunner, 'customer_messages', { systemContexts: ['scheduler'] });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "customer_messages"`);
    await queryRunner.query(`DROP TYPE "customer_message_status"`);
    await queryRunner.query(`DROP TYPE "customer_message_channel"`);
    await queryRunner.query(`DROP TABLE "customer_notification_settings"`);
  }
}
