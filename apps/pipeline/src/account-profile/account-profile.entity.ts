import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SALES_MODELS, type SalesModel } from '../common/enums';

/**
 * What pipeline needs of an account, projected from accounts' events: its sales model and tier
 * choose the price list; archived accounts get no new opportunities. Nothing personal is kept.
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

  @Column({ type: 'boolean' })
  archived!: boolean;
}
