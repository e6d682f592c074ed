import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SALES_MODELS, type SalesModel } from '../common/enums';

/**
 * What orders knows of an account, projected from accounts' events: enough to pick its price list
 * without ever calling accounts.
 */
@Entity({ name: 'account_profiles' })
export class AccountProfileEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'account_profiles_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'account_profiles_pkey' })
  accountId!: string;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  @Column({ type: 'text', nullable: true })
  tier!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
