import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProductEntity } from '../product/product.entity';
import { PriceListEntity } from './price-list.entity';

/** One volume tier of one product in one list: the unit price from `minQuantity` units up. */
@Entity({ name: 'price_entries' })
export class PriceEntryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'price_entries_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'price_list_id', type: 'uuid', primaryKeyConstraintName: 'price_entries_pkey' })
  priceListId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid', primaryKeyConstraintName: 'price_entries_pkey' })
  productId!: string;

  @PrimaryColumn({ name: 'min_quantity', type: 'integer', primaryKeyConstraintName: 'price_entries_pkey' })
  minQuantity!: number;

  /** Integer minor units of the list's currency, as a decimal string (bigint). */
  @Column({ name: 'unit_price_minor', type: 'bigint' })
  unitPriceMinor!: string;

  @ManyToOne(() => PriceListEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'price_entries_list_fkey',
    },
    { name: 'price_list_id', referencedColumnName: 'id' },
  ])
  readonly priceList?: never;

  @ManyToOne(() => ProductEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'price_entries_product_fkey',
    },
    { name: 'product_id', referencedColumnName: 'id' },
  ])
  readonly product?: never;
}
