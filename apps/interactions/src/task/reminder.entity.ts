import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A moment to remind a task's assignee; the scheduler fires it once (firedAt), or it is cancelled. */
@Entity({ name: 'reminders' })
@Index('reminders_task_idx', ['tenantId', 'taskId', 'remindAt'])
// The scheduler's question across tenants, "what is due?", answered from pending rows only.
@Index('reminders_pending_idx', ['remindAt'], { where: '"fired_at" IS NULL AND "cancelled_at" IS NULL' })
export class ReminderEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'reminders_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'reminders_pkey' })
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'remind_at', type: 'timestamptz', precision: 3 })
  remindAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', precision: 3, nullable: true })
  firedAt!: Date | null;

  /** The task was completed or its account archived before the reminder was due. */
  @Column({ name: 'cancelled_at', type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
