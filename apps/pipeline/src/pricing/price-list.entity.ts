import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SALES_MODELS, type SalesModel } from '../common/enums';

/** orders' price list header, projected from PriceListUpdated (which carries the whole list). */
@Entity({ name: 'price_lists' })
export class PriceListEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'price_lists_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'price_lists_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  /** Null: for every tier of the sales model. */
  @Column({ type: 'text', nullable: true })
  tier!: string | null;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'tax_inclusive', type: 'boolean' })
  taxInclusive!: boolean;

  @Column({ name: 'is_default', type: 'boolean' })
  isDefault!: boolean;
}
