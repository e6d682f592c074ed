import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One quantity break of one product in one price list. */
@Entity({ name: 'price_list_entries' })
@Index('price_list_entries_product_idx', ['tenantId', 'productId'])
export class PriceListEntryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'price_list_entries_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'price_list_id', type: 'uuid', primaryKeyConstraintName: 'price_list_entries_pkey' })
  priceListId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid', primaryKeyConstraintName: 'price_list_entries_pkey' })
  productId!: string;

  /** Applies from this quantity up (until a larger break). */
  @PrimaryColumn({
    name: 'min_quantity',
    type: 'integer',
    primaryKeyConstraintName: 'price_list_entries_pkey',
  })
  minQuantity!: number;

  @Column({ name: 'unit_price_minor', type: 'bigint' })
  unitPriceMinor!: string;
}
