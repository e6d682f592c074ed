import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PAYMENT_METHODS, type PaymentMethod } from '../common/enums';
import { OrderEntity } from '../order/order.entity';

/** Money received for an order, in the order's currency; `refundedMinor` is what went back of it. */
@Entity({ name: 'payments' })
@Index('payments_idempotency_key', ['tenantId', 'idempotencyKey'], { unique: true })
@Index('payments_order_idx', ['tenantId', 'orderId', 'receivedAt'])
export class PaymentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'payments_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'payments_pkey' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'enum', enum: PAYMENT_METHODS, enumName: 'payment_method' })
  method!: PaymentMethod;

  /** Bank or gateway reference, cheque number: may identify the payer, so erasure clears it. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'payload_hash', type: 'text' })
  payloadHash!: string;

  @Column({ name: 'received_at', type: 'timestamptz', precision: 3 })
  receivedAt!: Date;

  @Column({ name: 'refunded_minor', type: 'bigint' })
  refundedMinor!: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => OrderEntity, { nullable: false })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'payments_order_fkey' },
    { name: 'order_id', referencedColumnName: 'id' },
  ])
  readonly order?: never;
}
