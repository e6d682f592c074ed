import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { AccountEntity } from '../account/account.entity';

export const BUYING_ROLES = [
  'DECISION_MAKER',
  'ECONOMIC_BUYER',
  'INFLUENCER',
  'TECHNICAL_EVALUATOR',
  'USER',
  'BILLING',
  'OTHER',
] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

/** A person the tenant deals with at an account, with their part in the buying decision. */
@Entity({ name: 'contacts' })
@Index('contacts_account_idx', ['tenantId', 'accountId', 'createdAt', 'id'])
@Index('contacts_one_primary_per_account', ['tenantId', 'accountId'], { unique: true, where: '"is_primary"' })
export class ContactEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'contacts_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'contacts_pkey' })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ name: 'buying_role', type: 'enum', enum: BUYING_ROLES, enumName: 'buying_role', nullable: true })
  buyingRole!: BuyingRole | null;

  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary!: boolean;

  @Column({ type: 'text', array: true })
  emails!: string[];

  /** E.164. */
  @Column({ type: 'text', array: true })
  phones!: string[];

  /** Declared only for its foreign key (tenant_id included: same tenant as the account). */
  @ManyToOne(() => AccountEntity, { nullable: false })
  @JoinColumn([
    // TypeORM takes a composite key's constraint name from its first column.
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'contacts_account_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  readonly account?: never;
}
