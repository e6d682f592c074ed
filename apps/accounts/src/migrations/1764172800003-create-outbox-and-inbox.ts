import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable, createOutboxTable, dropInboxTable, dropOutboxTable } from '@crm/messaging';

/** The outbox carries accounts' events to Kafka; the inbox de-duplicates events accounts consumes. */
export class CreateOutboxAndInbox1764172800003 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropInboxTable(queryRunner);
    await dropOutboxTable(queryRunner);
  }
}
