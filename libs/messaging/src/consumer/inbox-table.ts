import type { QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

/**
 * Creates the inbox: one row per (tenant, consumer group, event) applied, written in the same
 * transaction as the event's effect, so a redelivered event finds its row and is skipped. Every
 * consuming service's first migration calls this.
 */
export async function createInboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "inbox" (
      "tenant_id" uuid NOT NULL,
      "consumer_group" text NOT NULL,
      "event_id" uuid NOT NULL,
      "event_type" text NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("tenant_id", "consumer_group", "event_id")
    )`);
  await protectTenantTable(queryRunner, 'inbox', { systemContexts: ['inbox-retention'] });
}

export async function dropInboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE "inbox"`);
}
