import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { SALES_MODELS, type SalesModel } from '../common/enums';

/** An ordered set of stages deals go through; one default per sales model and tenant. */
@Entity({ name: 'pipelines' })
export class PipelineEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'pipelines_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pipelines_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  @Column({ name: 'is_default', type: 'boolean' })
  isDefault!: boolean;
}
