import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { PRODUCT_TYPES, type ProductType } from '../common/enums';

/** Something the tenant sells; its sku is unique within the tenant. */
@Entity({ name: 'products' })
@Index('products_sku_key', ['tenantId', 'sku'], { unique: true })
@Index('products_listing_idx', ['tenantId', 'createdAt', 'id'])
export class ProductEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'products_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'products_pkey' })
  id!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: PRODUCT_TYPES, enumName: 'product_type' })
  type!: ProductType;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text' })
  unit!: string;

  /** Hundredths of a percent (9% = 900), so tax arithmetic stays in integers. */
  @Column({ name: 'tax_rate_bp', type: 'integer' })
  taxRateBasisPoints!: number;

  @Column({ type: 'boolean' })
  active!: boolean;
}
