import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PaymentEntity } from './payment.entity';

/** Money paid back from one payment. */
@Entity({ name: 'refunds' })
@Index('refunds_order_idx', ['tenantId', 'orderId'])
export class RefundEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'refunds_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'refunds_pkey' })
  id!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor!: string;

  /** Free text, so erasure replaces it. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'refunded_at', type: 'timestamptz', precision: 3 })
  refundedAt!: Date;

  @Column({ name: 'refunded_by', type: 'uuid', nullable: true })
  refundedBy!: string | null;

  @ManyToOne(() => PaymentEntity, { nullable: false })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'refunds_payment_fkey' },
    { name: 'payment_id', referencedColumnName: 'id' },
  ])
  readonly payment?: never;
}
