import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of an account's timeline: an activity logged here, or a system entry mirrored from
 * another service's event ("Order #1042 shipped"). Ordered by when the thing happened (`at`).
 */
@Entity({ name: 'timeline_entries' })
@Index('timeline_entries_account_idx', ['tenantId', 'accountId', 'at', 'id'])
@Index('timeline_entries_activity_key', ['tenantId', 'activityId'], {
  unique: true,
  where: '"activity_id" IS NOT NULL',
})
// A redelivered event that slipped past the inbox (another consumer group, a replay) adds nothing.
@Index('timeline_entries_source_event_key', ['tenantId', 'sourceEventId'], {
  unique: true,
  where: '"source_event_id" IS NOT NULL',
})
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'timeline_entries_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'timeline_entries_pkey' })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  at!: Date;

  /** The activity type (CALL, MEETING…) or the mirrored event's name (OrderStatusChanged…). */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId!: string | null;

  @Column({ name: 'source_event_id', type: 'uuid', nullable: true })
  sourceEventId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
