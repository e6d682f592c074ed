import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FORECAST_CATEGORIES, STAGE_TYPES, type ForecastCategory, type StageType } from '../common/enums';
import { PipelineEntity } from './pipeline.entity';

/** One step of a pipeline. Stages are fixed once created: history and events refer to them. */
@Entity({ name: 'stages' })
@Index('stages_position_key', ['tenantId', 'pipelineId', 'position'], { unique: true })
export class StageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'stages_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'stages_pkey' })
  id!: string;

  @Column({ name: 'pipeline_id', type: 'uuid' })
  pipelineId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 1-based order within the pipeline. */
  @Column({ type: 'integer' })
  position!: number;

  /** 0–100. */
  @Column({ type: 'integer' })
  probability!: number;

  @Column({ type: 'enum', enum: STAGE_TYPES, enumName: 'stage_type' })
  type!: StageType;

  @Column({
    name: 'forecast_category',
    type: 'enum',
    enum: FORECAST_CATEGORIES,
    enumName: 'forecast_category',
  })
  forecastCategory!: ForecastCategory;

  @ManyToOne(() => PipelineEntity, { nullable: false })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'stages_pipeline_fkey' },
    { name: 'pipeline_id', referencedColumnName: 'id' },
  ])
  readonly pipeline?: never;
}
