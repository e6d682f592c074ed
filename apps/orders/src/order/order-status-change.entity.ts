import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrderEntity } from './order.entity';

/** One step of one of the order's state machines; appended, never changed. */
@Entity({ name: 'order_status_changes' })
@Index('order_status_changes_order_idx', ['tenantId', 'orderId', 'changedAt'])
export class OrderStatusChangeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'order_status_changes_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'order_status_changes_pkey' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** status, paymentStatus or fulfilmentStatus: the Order field that changed. */
  @Column({ type: 'text' })
  field!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ name: 'changed_at', type: 'timestamptz', precision: 3 })
  changedAt!: Date;

  /** The user; null for the system (an accepted quote, an event). */
  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;

  @ManyToOne(() => OrderEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'order_status_changes_order_fkey',
    },
    { name: 'order_id', referencedColumnName: 'id' },
  ])
  readonly order?: never;
}
