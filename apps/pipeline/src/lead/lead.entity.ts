import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import {
  LEAD_SOURCES,
  LEAD_STATUSES,
  SALES_MODELS,
  type LeadSource,
  type LeadStatus,
  type SalesModel,
} from '../common/enums';

/** A JSON value as the JSON scalar and jsonb carry it. */
export type JsonValue = string | number | boolean | null | object;

/** Someone who might buy: qualified or disqualified, then converted into account + contact + opportunity. */
@Entity({ name: 'leads' })
@Index('leads_listing_idx', ['tenantId', 'createdAt', 'id'])
@Index('leads_status_idx', ['tenantId', 'status', 'createdAt', 'id'])
@Index('leads_converted_account_idx', ['tenantId', 'convertedAccountId'])
export class LeadEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'leads_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'leads_pkey' })
  id!: string;

  @Column({ type: 'enum', enum: LEAD_STATUSES, enumName: 'lead_status' })
  status!: LeadStatus;

  @Column({ type: 'enum', enum: LEAD_SOURCES, enumName: 'lead_source' })
  source!: LeadSource;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  @Column({ name: 'company_name', type: 'text', nullable: true })
  companyName!: string | null;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** E.164. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ type: 'integer', nullable: true })
  score!: number | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'custom_fields', type: 'jsonb' })
  customFields!: Record<string, JsonValue>;

  @Column({ name: 'disqualified_reason', type: 'text', nullable: true })
  disqualifiedReason!: string | null;

  @Column({ name: 'converted_account_id', type: 'uuid', nullable: true })
  convertedAccountId!: string | null;

  @Column({ name: 'converted_contact_id', type: 'uuid', nullable: true })
  convertedContactId!: string | null;

  @Column({ name: 'converted_opportunity_id', type: 'uuid', nullable: true })
  convertedOpportunityId!: string | null;

  @Column({ name: 'converted_at', type: 'timestamptz', precision: 3, nullable: true })
  convertedAt!: Date | null;
}
