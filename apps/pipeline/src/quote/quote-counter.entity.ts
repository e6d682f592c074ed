import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last quote number handed out per tenant. Taking the next number updates this row, which
 * locks it until the quote's transaction ends: concurrent quotes wait for each other, and a
 * rolled-back quote gives its number back, so numbers have no gaps.
 */
@Entity({ name: 'quote_counters' })
export class QuoteCounterEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'quote_counters_pkey' })
  tenantId!: string;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber!: number;
}
