import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';
import { createInboxTable, createOutboxTable, dropInboxTable, dropOutboxTable } from '../../src';

/**
 * What a service's first migration does (outbox + inbox), plus a small projection table that the
 * test handlers write to: its apply_count makes a second application of an event visible.
 */
export class MessagingTestSchema1764172800000 implements MigrationInterface {
  name = 'MessagingTestSchema1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "account_projection" (
        "tenant_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "display_name" text NOT NULL,
        "apply_count" integer NOT NULL,
        PRIMARY KEY ("tenant_id", "account_id")
      )`);
    await protectTenantTable(queryRunner, 'account_projection');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_projection"`);
    await dropInboxTable(queryRunner);
    await dropOutboxTable(queryRunner);
  }
}
