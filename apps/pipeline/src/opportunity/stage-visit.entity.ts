import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StageEntity } from '../pipeline/stage.entity';
import { OpportunityEntity } from './opportunity.entity';

/** One stay of an opportunity in a stage: time in stage and velocity are computed from these. */
@Entity({ name: 'stage_visits' })
@Index('stage_visits_opportunity_idx', ['tenantId', 'opportunityId', 'enteredAt'])
export class StageVisitEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'stage_visits_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'stage_visits_pkey' })
  id!: string;

  @Column({ name: 'opportunity_id', type: 'uuid' })
  opportunityId!: string;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId!: string;

  @Column({ name: 'entered_at', type: 'timestamptz', precision: 3 })
  enteredAt!: Date;

  /** Null while the opportunity is still in this stage. */
  @Column({ name: 'exited_at', type: 'timestamptz', precision: 3, nullable: true })
  exitedAt!: Date | null;

  @ManyToOne(() => OpportunityEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'stage_visits_opportunity_fkey',
    },
    { name: 'opportunity_id', referencedColumnName: 'id' },
  ])
  readonly opportunity?: never;

  @ManyToOne(() => StageEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'stage_visits_stage_fkey',
    },
    { name: 'stage_id', referencedColumnName: 'id' },
  ])
  readonly stage?: never;
}
