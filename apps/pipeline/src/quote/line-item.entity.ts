import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OpportunityEntity } from '../opportunity/opportunity.entity';
import { QuoteEntity } from './quote.entity';

/**
 * A priced line: of an opportunity (quote_id null, replaced by setLineItems) or a copy fixed in a
 * quote. Amounts are integer minor units computed by quote.arithmetic.ts and stored, never recomputed.
 */
@Entity({ name: 'line_items' })
@Index('line_items_opportunity_idx', ['tenantId', 'opportunityId', 'position'])
@Index('line_items_quote_idx', ['tenantId', 'quoteId', 'position'])
export class LineItemEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'line_items_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'line_items_pkey' })
  id!: string;

  @Column({ name: 'opportunity_id', type: 'uuid' })
  opportunityId!: string;

  @Column({ name: 'quote_id', type: 'uuid', nullable: true })
  quoteId!: string | null;

  /** 0-based order in its opportunity or quote. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'unit_price_minor', type: 'bigint' })
  unitPriceMinor!: string;

  @Column({ type: 'text' })
  currency!: string;

  /** Percent × 100 (12.5 % = 1250): percentages stay integers too. */
  @Column({ name: 'discount_basis_points', type: 'integer' })
  discountBasisPoints!: number;

  @Column({ name: 'tax_rate_basis_points', type: 'integer' })
  taxRateBasisPoints!: number;

  @Column({ name: 'discount_minor', type: 'bigint' })
  discountMinor!: string;

  @Column({ name: 'tax_minor', type: 'bigint' })
  taxMinor!: string;

  @Column({ name: 'total_minor', type: 'bigint' })
  totalMinor!: string;

  @ManyToOne(() => OpportunityEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'line_items_opportunity_fkey',
    },
    { name: 'opportunity_id', referencedColumnName: 'id' },
  ])
  readonly opportunity?: never;

  @ManyToOne(() => QuoteEntity)
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'line_items_quote_fkey',
    },
    { name: 'quote_id', referencedColumnName: 'id' },
  ])
  readonly quote?: never;
}
