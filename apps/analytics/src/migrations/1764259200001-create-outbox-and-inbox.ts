import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable, createOutboxTable, dropInboxTable, dropOutboxTable } from '@crm/messaging';

/** The inbox makes every consumed event count once; the outbox carries erasure acknowledgements. */
export class CreateOutboxAndInbox1764259200001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner);
    await createInboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropInboxTable(queryRunner);
    await dropOutboxTable(queryRunner);
  }
}
