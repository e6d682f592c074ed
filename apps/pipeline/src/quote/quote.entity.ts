import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { QUOTE_STATUSES, type QuoteStatus } from '../common/enums';
import { OpportunityEntity } from '../opportunity/opportunity.entity';

/**
 * A priced proposal for an opportunity. Its lines and totals are fixed when it is created; only its
 * status moves (DRAFT → SENT → ACCEPTED/REJECTED, or EXPIRED after validUntil). Accepted is final.
 */
@Entity({ name: 'quotes' })
@Index('quotes_number_key', ['tenantId', 'number'], { unique: true })
@Index('quotes_opportunity_idx', ['tenantId', 'opportunityId', 'createdAt'])
export class QuoteEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'quotes_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'quotes_pkey' })
  id!: string;

  /** Human-readable, sequential per tenant without gaps: Q-000001, Q-000002, … */
  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'opportunity_id', type: 'uuid' })
  opportunityId!: string;

  /** As stored; `effectiveQuoteStatus` also reads validUntil (expiry is evaluated on read). */
  @Column({ type: 'enum', enum: QUOTE_STATUSES, enumName: 'quote_status' })
  status!: QuoteStatus;

  @Column({ type: 'text' })
  currency!: string;

  /** YYYY-MM-DD, the last day it can be accepted (UTC). */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'subtotal_minor', type: 'bigint' })
  subtotalMinor!: string;

  @Column({ name: 'discount_minor', type: 'bigint' })
  discountMinor!: string;

  @Column({ name: 'tax_minor', type: 'bigint' })
  taxMinor!: string;

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor!: string;

  @Column({ name: 'to_contact_id', type: 'uuid', nullable: true })
  toContactId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', precision: 3, nullable: true })
  rejectedAt!: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @ManyToOne(() => OpportunityEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'quotes_opportunity_fkey',
    },
    { name: 'opportunity_id', referencedColumnName: 'id' },
  ])
  readonly opportunity?: never;
}
