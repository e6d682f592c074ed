import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import {
  FULFILMENT_STATUSES,
  ORDER_CHANNELS,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  SALES_MODELS,
  type FulfilmentStatus,
  type OrderChannel,
  type OrderStatus,
  type PaymentStatus,
  type SalesModel,
} from '../common/enums';

/**
 * An order and its three statuses. Amounts are integer minor units of `currency` as decimal strings
 * (bigint); subtotal, discount, tax and total are the sums of the lines (see order-arithmetic.ts).
 */
@Entity({ name: 'orders' })
@Index('orders_number_key', ['tenantId', 'number'], { unique: true })
@Index('orders_idempotency_key', ['tenantId', 'idempotencyKey'], { unique: true })
@Index('orders_quote_key', ['tenantId', 'quoteId'], { unique: true, where: '"quote_id" IS NOT NULL' })
@Index('orders_listing_idx', ['tenantId', 'createdAt', 'id'])
@Index('orders_account_idx', ['tenantId', 'accountId', 'createdAt', 'id'])
@Index('orders_opportunity_idx', ['tenantId', 'opportunityId'])
export class OrderEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'orders_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'orders_pkey' })
  id!: string;

  /** Human-readable and gap-free per tenant: ORD-000001, ORD-000002, … */
  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  @Column({ type: 'enum', enum: ORDER_CHANNELS, enumName: 'order_channel' })
  channel!: OrderChannel;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'enum', enum: ORDER_STATUSES, enumName: 'order_status' })
  status!: OrderStatus;

  @Column({ name: 'payment_status', type: 'enum', enum: PAYMENT_STATUSES, enumName: 'payment_status' })
  paymentStatus!: PaymentStatus;

  @Column({
    name: 'fulfilment_status',
    type: 'enum',
    enum: FULFILMENT_STATUSES,
    enumName: 'fulfilment_status',
  })
  fulfilmentStatus!: FulfilmentStatus;

  @Column({ name: 'subtotal_minor', type: 'bigint' })
  subtotalMinor!: string;

  @Column({ name: 'discount_minor', type: 'bigint' })
  discountMinor!: string;

  @Column({ name: 'tax_minor', type: 'bigint' })
  taxMinor!: string;

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor!: string;

  @Column({ name: 'paid_minor', type: 'bigint' })
  paidMinor!: string;

  @Column({ name: 'refunded_minor', type: 'bigint' })
  refundedMinor!: string;

  @Column({ name: 'opportunity_id', type: 'uuid', nullable: true })
  opportunityId!: string | null;

  @Column({ name: 'quote_id', type: 'uuid', nullable: true })
  quoteId!: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** The team member who placed it (or the quote's owner); null when the system did. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** The client's key for retries (quotes use `quote:<quote id>`), with a hash of what it asked for. */
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'payload_hash', type: 'text' })
  payloadHash!: string;

  @Column({ name: 'placed_at', type: 'timestamptz', precision: 3 })
  placedAt!: Date;

  /** Set when the account was erased: personal data in the order and its children is gone. */
  @Column({ name: 'personal_data_erased_at', type: 'timestamptz', precision: 3, nullable: true })
  personalDataErasedAt!: Date | null;
}
