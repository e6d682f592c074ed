import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { LEAD_SOURCES, SALES_MODELS, type LeadSource, type SalesModel } from '../common/enums';
import { PipelineEntity } from '../pipeline/pipeline.entity';
import { StageEntity } from '../pipeline/stage.entity';

/** A deal with an account moving through the stages of one pipeline. */
@Entity({ name: 'opportunities' })
@Index('opportunities_listing_idx', ['tenantId', 'createdAt', 'id'])
@Index('opportunities_account_idx', ['tenantId', 'accountId', 'createdAt', 'id'])
// The kanban board: a stage's opportunities, newest first, counted and summed per stage.
@Index('opportunities_stage_idx', ['tenantId', 'stageId', 'createdAt', 'id'])
@Index('opportunities_owner_idx', ['tenantId', 'ownerId'])
export class OpportunityEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'opportunities_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'opportunities_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'pipeline_id', type: 'uuid' })
  pipelineId!: string;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId!: string;

  /** The pipeline's, copied so events and filters need no join. */
  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  /** Integer minor units; pg returns bigint as a string, which is how it stays (no floats). */
  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor!: string;

  /** ISO 4217. */
  @Column({ type: 'text' })
  currency!: string;

  /** Overrides the stage's probability until the next stage move; null = the stage's. */
  @Column({ name: 'probability_override', type: 'integer', nullable: true })
  probabilityOverride!: number | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'expected_close_date', type: 'date', nullable: true })
  expectedCloseDate!: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'enum', enum: LEAD_SOURCES, enumName: 'lead_source', nullable: true })
  source!: LeadSource | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** The lead it was converted from, if any. */
  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ name: 'lost_reason', type: 'text', nullable: true })
  lostReason!: string | null;

  /** Set when it entered a WON or LOST stage; cleared by reopening. */
  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** When it entered its current stage (the open stage visit's enteredAt). */
  @Column({ name: 'stage_entered_at', type: 'timestamptz', precision: 3 })
  stageEnteredAt!: Date;

  @ManyToOne(() => PipelineEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'opportunities_pipeline_fkey',
    },
    { name: 'pipeline_id', referencedColumnName: 'id' },
  ])
  readonly pipeline?: never;

  @ManyToOne(() => StageEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'opportunities_stage_fkey',
    },
    { name: 'stage_id', referencedColumnName: 'id' },
  ])
  readonly stage?: never;
}
