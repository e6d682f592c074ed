import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrderEntity } from '../order/order.entity';

/** One parcel on its way to the customer. */
@Entity({ name: 'shipments' })
@Index('shipments_order_idx', ['tenantId', 'orderId', 'dispatchedAt'])
export class ShipmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'shipments_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'shipments_pkey' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text', nullable: true })
  carrier!: string | null;

  /** Leads to the recipient's address at the carrier, so erasure clears it. */
  @Column({ name: 'tracking_code', type: 'text', nullable: true })
  trackingCode!: string | null;

  @Column({ name: 'dispatched_at', type: 'timestamptz', precision: 3 })
  dispatchedAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt!: Date | null;

  @ManyToOne(() => OrderEntity, { nullable: false })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'shipments_order_fkey' },
    { name: 'order_id', referencedColumnName: 'id' },
  ])
  readonly order?: never;
}
