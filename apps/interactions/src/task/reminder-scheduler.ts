import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import type { TenantScopedDatabase } from '@crm/database';
import { publishReminderDue } from '../events/publishers';
import { NotificationEntity } from '../notification/notification.entity';
import { PeriodicJob } from '../common/periodic-job';

export interface ReminderSchedulerOptions {
  database: TenantScopedDatabase;
  logger: Logger;
  intervalMs: number;
  /** Reminders claimed per transaction. */
  batchSize?: number;
}

interface DueReminderRow {
  id: string;
  task_id: string;
  remind_at: Date;
  title: string;
  task_version: number;
  task_status: string;
  assignee_id: string | null;
  account_id: string | null;
  due_at: Date | null;
  is_account_archived: boolean;
}

/**
 * Fires due reminders exactly once, however many instances run: each claims due rows with
 * FOR UPDATE SKIP LOCKED and, in the same transaction, marks them fired, creates the assignee's
 * in-app notification and writes ReminderDue to the outbox. A claimed row is invisible to the other
 * instances until that commits, and fired after it, so no reminder fires twice; a crash rolls the
 * whole claim back and the reminder stays due.
 */
export class ReminderScheduler {
  private readonly job: PeriodicJob;
  private readonly batchSize: number;
  private firedSinceStart = 0;

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.job = new PeriodicJob({
      name: 'reminder-scheduler',
      intervalMs: options.intervalMs,
      logger: options.logger,
      run: () => this.fireDueReminders(),
    });
  }

  /** Reminders this instance fired since start. */
  get fired(): number {
    return this.firedSinceStart;
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Fires every reminder due by `now`; returns how many fired (cancelled ones not counted). */
  async fireDueReminders(now: Date = new Date()): Promise<number> {
    const tenantIds: { tenant_id: string }[] = await this.options.database.inSystemContext(
      'scheduler',
      (manager) =>
        manager.query(
          `SELECT DISTINCT "tenant_id" FROM "reminders"
         WHERE "fired_at" IS NULL AND "cancelled_at" IS NULL AND "remind_at" <= $1`,
          [now],
        ),
    );
    let fired = 0;
    for (const { tenant_id: tenantId } of tenantIds) {
      for (;;) {
        const { claimed, firedNow } = await this.options.database.inTenant(tenantId, (manager) =>
          this.fireBatch(manager, tenantId, now),
        );
        fired += firedNow;
        this.firedSinceStart += firedNow;
        if (claimed < this.batchSize) break;
      }
    }
    return fired;
  }

  private async fireBatch(
    manager: EntityManager,
    tenantId: string,
    now: Date,
  ): Promise<{ claimed: number; firedNow: number }> {
    const due: DueReminderRow[] = await manager.query(
      `SELECT "r"."id", "r"."task_id", "r"."remind_at", "t"."title", "t"."version" AS "task_version",
              "t"."status" AS "task_status", "t"."assignee_id", "t"."account_id", "t"."due_at",
              coalesce("p"."archived", false) AS "is_account_archived"
       FROM "reminders" "r"
       JOIN "tasks" "t" ON "t"."tenant_id" = "r"."tenant_id" AND "t"."id" = "r"."task_id"
       LEFT JOIN "account_profiles" "p" ON "p"."tenant_id" = "t"."tenant_id" AND "p"."account_id" = "t"."account_id"
       WHERE "r"."tenant_id" = $1 AND "r"."fired_at" IS NULL AND "r"."cancelled_at" IS NULL AND "r"."remind_at" <= $2
       ORDER BY "r"."remind_at"
       LIMIT $3
       FOR UPDATE OF "r" SKIP LOCKED`,
      [tenantId, now, this.batchSize],
    );
    const isStillWanted = (row: DueReminderRow) => row.task_status === 'OPEN' && !row.is_account_archived;
    const toFire = due.filter(isStillWanted);
    const toCancel = due.filter((row) => !isStillWanted(row));
    if (toCancel.length > 0) {
      await manager.query(
        `UPDATE "reminders" SET "cancelled_at" = now() WHERE "tenant_id" = $1 AND "id" = ANY($2::uuid[])`,
        [tenantId, toCancel.map((row) => row.id)],
      );
    }
    if (toFire.length > 0) {
      await manager.query(
        `UPDATE "reminders" SET "fired_at" = now() WHERE "tenant_id" = $1 AND "id" = ANY($2::uuid[])`,
        [tenantId, toFire.map((row) => row.id)],
      );
      const notifications = toFire
        .filter((row) => row.assignee_id !== null)
        .map((row) => ({
          tenantId,
          id: uuidv7(),
          userId: row.assignee_id as string,
          kind: 'TASK_REMINDER',
          message: row.due_at
            ? `Reminder: "${row.title}" is due ${row.due_at.toISOString()}`
            : `Reminder: "${row.title}"`,
          link: `/tasks/${row.task_id}`,
        }));
      if (notifications.length > 0) await manager.insert(NotificationEntity, notifications);
      for (const row of toFire) {
        await publishReminderDue(manager, {
          tenantId,
          reminderId: row.id,
          taskId: row.task_id,
          taskTitle: row.title,
          taskVersion: row.task_version,
          assigneeId: row.assignee_id,
          accountId: row.account_id,
          dueAt: row.due_at,
          remindAt: row.remind_at,
        });
      }
    }
    return { claimed: due.length, firedNow: toFire.length };
  }
}
