import { Column, Entity, PrimaryColumn } from 'typeorm';

/** orders' product as quotes need it (name, tax rate), projected from ProductUpserted. */
@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'products_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'products_pkey' })
  id!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Percent × 100 (9 % = 900). */
  @Column({ name: 'tax_rate_basis_points', type: 'integer' })
  taxRateBasisPoints!: number;

  @Column({ type: 'boolean' })
  active!: boolean;
}
