import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable, createOutboxTable, dropInboxTable, dropOutboxTable } from '@crm/messaging';

/** The outbox carries marketing's events to Kafka; the inbox de-duplicates the events it projects. */
export class CreateOutboxAndInbox1764259200002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropInboxTable(queryRunner);
    await dropOutboxTable(queryRunner);
  }
}
