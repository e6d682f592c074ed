import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The tenant's last order number. Placing an order locks and bumps this row in its own transaction,
 * so numbers are handed out one at a time and a rolled-back order gives its number back: no gaps.
 */
@Entity({ name: 'order_counters' })
export class OrderCounterEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'order_counters_pkey' })
  tenantId!: string;

  @Column({ name: 'last_number', type: 'bigint' })
  lastNumber!: string;
}
