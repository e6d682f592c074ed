import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['import_jobs', 'import_job_errors'];

/**
 * Lets the import-job retention sweep (the 'scheduler' system context) delete every tenant's
 * finished jobs and their row errors in one statement.
 */
export class ImportJobRetention1764172800201 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE POLICY "system_scheduler" ON "${table}" USING (current_setting('app.system_context', true) = 'scheduler')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP POLICY "system_scheduler" ON "${table}"`);
  }
}
