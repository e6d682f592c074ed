import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { SALES_MODELS, type SalesModel } from '../common/enums';

/**
 * Prices for one sales model, optionally for one customer tier. One list per (model, tier) and one
 * default per model, which serves accounts whose tier has no list or no price for a product.
 */
@Entity({ name: 'price_lists' })
@Index('price_lists_tier_key', ['tenantId', 'salesModel', 'tier'], {
  unique: true,
  where: '"tier" IS NOT NULL',
})
@Index('price_lists_default_key', ['tenantId', 'salesModel'], { unique: true, where: '"is_default"' })
export class PriceListEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'price_lists_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'price_lists_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  @Column({ type: 'text', nullable: true })
  tier!: string | null;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'tax_inclusive', type: 'boolean' })
  taxInclusive!: boolean;

  @Column({ name: 'is_default', type: 'boolean' })
  isDefault!: boolean;
}
