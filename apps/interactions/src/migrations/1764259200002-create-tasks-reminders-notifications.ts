import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectTenantTable } from '@crm/database';

export class CreateTasksRemindersNotifications1764259200002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "task_status" AS ENUM ('OPEN', 'DONE', 'CANCELLED')`);
    await queryRunner.query(`
      CREATE TABLE "tasks" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "title" text NOT NULL,
        "due_at" timestamptz(3),
        "status" "task_status" NOT NULL,
        "priority" smallint NOT NULL,
        "assignee_id" uuid,
        "account_id" uuid,
        "opportunity_id" uuid,
        "completed_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "tasks_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "tasks_assignee_idx" ON "tasks" ("tenant_id", "assignee_id", "status", "due_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_account_idx" ON "tasks" ("tenant_id", "account_id", "status")`,
    );
    await protectTenantTable(queryRunner, 'tasks');

    await queryRunner.query(`
      CREATE TABLE "reminders" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "task_id" uuid NOT NULL,
        "remind_at" timestamptz(3) NOT NULL,
        "fired_at" timestamptz(3),
        "cancelled_at" timestamptz(3),
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "reminders_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "reminders_task_idx" ON "reminders" ("tenant_id", "task_id", "remind_at")`,
    );
    // Not tenant-first on purpose: the scheduler asks which tenants have due reminders at all.
    await queryRunner.query(
      `CREATE INDEX "reminders_pending_idx" ON "reminders" ("remind_at") WHERE "fired_at" IS NULL AND "cancelled_at" IS NULL`,
    );
    await protectTenantTable(queryRunner, 'reminders', { systemContexts: ['scheduler'] });

    await queryRunner.query(`
      CREATE TABLE "notifications" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "message" text NOT NULL,
        "link" text,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "read_at" timestamptz(3),
        CONSTRAINT "notifications_pkey" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "notifications_user_idx" ON "notifications" ("tenant_id", "user_id", "created_at")`,
    );
    await protectTenantTable(queryRunner, 'notifications');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP TYPE "task_status"`);
  }
}
