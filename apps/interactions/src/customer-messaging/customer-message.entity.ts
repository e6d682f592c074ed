import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const MESSAGE_CHANNELS = ['EMAIL', 'SMS'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/**
 * PENDING → SENDING (claimed, committed before the send) → SENT | FAILED; SKIPPED when nothing may
 * be sent (opted out, no address, channel NONE); UNCONFIRMED when a crash cut a send off and the
 * channel cannot tell whether it went out (see README "Exactly-once customer messages").
 */
export const MESSAGE_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'UNCONFIRMED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The intent to tell a customer about an order or payment, and its outcome: one per event and channel. */
@Entity({ name: 'customer_messages' })
@Index('customer_messages_source_event_key', ['tenantId', 'sourceEventId', 'channel'], { unique: true })
@Index('customer_messages_account_idx', ['tenantId', 'accountId', 'createdAt'])
// The dispatcher's question across tenants, "what is waiting to be sent?", from open rows only.
@Index('customer_messages_open_idx', ['createdAt'], { where: `"status" IN ('PENDING', 'SENDING')` })
export class CustomerMessageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'customer_messages_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'customer_messages_pkey' })
  id!: string;

  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId!: string;

  /** The template: ORDER_CONFIRMED, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, PAYMENT_RECEIVED. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'enum', enum: MESSAGE_CHANNELS, enumName: 'customer_message_channel' })
  channel!: MessageChannel;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId!: string | null;

  /** Email address or E.164 phone; null when the customer has none on this channel. */
  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  @Column({ name: 'from_address', type: 'text', nullable: true })
  fromAddress!: string | null;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'enum', enum: MESSAGE_STATUSES, enumName: 'customer_message_status' })
  status!: MessageStatus;

  /** Why it was SKIPPED or FAILED. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'claimed_at', type: 'timestamptz', precision: 3, nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  /** The SMTP Message-ID or the SMS provider's message id. */
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
