import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';

export const ACTIVITY_TYPES = ['CALL', 'MEETING', 'EMAIL', 'MESSAGE', 'NOTE'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const CHANNELS = ['PHONE', 'EMAIL', 'SMS', 'WHATSAPP', 'IN_PERSON', 'VIDEO', 'WEB', 'SYSTEM'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const ACTIVITY_STATUSES = ['PLANNED', 'DONE', 'CANCELLED'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** One touchpoint with a customer: a call, meeting, email, message or note, done or planned. */
@Entity({ name: 'activities' })
// The calendar of one person (or a team: one range per owner) over a window.
@Index('activities_owner_calendar_idx', ['tenantId', 'ownerId', 'startsAt'])
@Index('activities_calendar_idx', ['tenantId', 'startsAt'])
@Index('activities_account_idx', ['tenantId', 'accountId', 'startsAt', 'id'])
@Index('activities_opportunity_idx', ['tenantId', 'opportunityId', 'startsAt', 'id'])
export class ActivityEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'activities_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'activities_pkey' })
  id!: string;

  @Column({ type: 'enum', enum: ACTIVITY_TYPES, enumName: 'activity_type' })
  type!: ActivityType;

  @Column({ type: 'enum', enum: CHANNELS, enumName: 'activity_channel' })
  channel!: Channel;

  @Column({ type: 'enum', enum: DIRECTIONS, enumName: 'activity_direction', nullable: true })
  direction!: Direction | null;

  @Column({ type: 'enum', enum: ACTIVITY_STATUSES, enumName: 'activity_status' })
  status!: ActivityStatus;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz', precision: 3 })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', precision: 3, nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  /** Also in activity_contacts, which serves Contact.activities; here for reading an activity whole. */
  @Column({ name: 'contact_ids', type: 'uuid', array: true })
  contactIds!: string[];

  @Column({ name: 'opportunity_id', type: 'uuid', nullable: true })
  opportunityId!: string | null;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId!: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;
}
