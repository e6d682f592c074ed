import type { QueryRunner } from 'typeorm';
import { grantSequenceUsage, protectTenantTable } from '@crm/database';

/**
 * Creates the transactional outbox; every publishing service's first migration calls this.
 *
 * `txid` is the writing transaction's id and `position` the insert order within the server. The
 * relay publishes rows in (txid, position) order and only those of transactions older than every
 * transaction still running (see outbox-relay.ts), so the partial index covers exactly what it scans.
 * That index is deliberately not tenant-first: the relay reads all tenants' rows in one order.
 */
export async function createOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "outbox" (
      "id" uuid PRIMARY KEY,
      "tenant_id" uuid NOT NULL,
      "topic" text NOT NULL,
      "message_key" text NOT NULL,
      "envelope" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
      "position" bigserial NOT NULL,
      "published_at" timestamptz NULL
    )`);
  await queryRunner.query(
    `CREATE INDEX "outbox_unpublished_idx" ON "outbox" ("position") WHERE "published_at" IS NULL`,
  );
  await protectTenantTable(queryRunner, 'outbox', { systemContexts: ['outbox-relay'] });
  await grantSequenceUsage(queryRunner, 'outbox_position_seq');
}

export async function dropOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE "outbox"`);
}
