import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProductEntity } from '../product/product.entity';
import { OrderEntity } from './order.entity';

/** One line as priced when the order was placed: later catalog changes never alter it. */
@Entity({ name: 'order_lines' })
export class OrderLineEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'order_lines_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'order_id', type: 'uuid', primaryKeyConstraintName: 'order_lines_pkey' })
  orderId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'order_lines_pkey' })
  position!: number;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'unit_price_minor', type: 'bigint' })
  unitPriceMinor!: string;

  /** Hundredths of a percent. */
  @Column({ name: 'discount_bp', type: 'integer' })
  discountBasisPoints!: number;

  @Column({ name: 'tax_rate_bp', type: 'integer' })
  taxRateBasisPoints!: number;

  @Column({ name: 'gross_minor', type: 'bigint' })
  grossMinor!: string;

  @Column({ name: 'discount_minor', type: 'bigint' })
  discountMinor!: string;

  @Column({ name: 'tax_minor', type: 'bigint' })
  taxMinor!: string;

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor!: string;

  @ManyToOne(() => OrderEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'order_lines_order_fkey',
    },
    { name: 'order_id', referencedColumnName: 'id' },
  ])
  readonly order?: never;

  @ManyToOne(() => ProductEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'order_lines_product_fkey',
    },
    { name: 'product_id', referencedColumnName: 'id' },
  ])
  readonly product?: never;
}
