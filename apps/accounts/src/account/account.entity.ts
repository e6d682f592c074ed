import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';
import { TenantEntity } from '../tenant/tenant.entity';
import { UserEntity } from '../user/user.entity';

export const ACCOUNT_KINDS = ['COMPANY', 'PERSON'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export const SALES_MODELS = ['B2B', 'B2C'] as const;
export type SalesModel = (typeof SALES_MODELS)[number];
export const LIFECYCLE_STAGES = ['PROSPECT', 'CUSTOMER', 'CHURNED'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** A value inside a JSON document; nested arrays and objects are plain `object`s here. */
export type JsonValue = string | number | boolean | null | object;

export interface Address {
  label: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A party the tenant sells to: a company (usually B2B) or a person (usually B2C). */
@Entity({ name: 'accounts' })
@Index('accounts_listing_idx', ['tenantId', 'createdAt', 'id'])
@Index('accounts_owner_idx', ['tenantId', 'ownerId'])
@Index('accounts_parent_idx', ['tenantId', 'parentId'])
@Index('accounts_external_id_key', ['tenantId', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
// A GIN trigram index TypeORM cannot describe; created by the migration (see its search function).
@Index('accounts_search_idx', { synchronize: false })
// Evidence for duplicateAccounts (GIN over arrays, partial btrees); created by their migration.
@Index('accounts_emails_idx', { synchronize: false })
@Index('accounts_phones_idx', { synchronize: false })
@Index('accounts_registration_number_idx', { synchronize: false })
@Index('accounts_tax_id_idx', { synchronize: false })
export class AccountEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'accounts_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'accounts_pkey' })
  id!: string;

  @Column({ type: 'enum', enum: ACCOUNT_KINDS, enumName: 'account_kind' })
  kind!: AccountKind;

  @Column({ name: 'sales_model', type: 'enum', enum: SALES_MODELS, enumName: 'sales_model' })
  salesModel!: SalesModel;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ name: 'legal_name', type: 'text', nullable: true })
  legalName!: string | null;

  @Column({ type: 'text', nullable: true })
  industry!: string | null;

  @Column({ name: 'registration_number', type: 'text', nullable: true })
  registrationNumber!: string | null;

  @Column({ name: 'tax_id', type: 'text', nullable: true })
  taxId!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ name: 'employee_count', type: 'integer', nullable: true })
  employeeCount!: number | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  /** YYYY-MM-DD: a calendar date, not an instant. */
  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'text', array: true })
  emails!: string[];

  /** E.164. */
  @Column({ type: 'text', array: true })
  phones!: string[];

  @Column({ type: 'jsonb' })
  addresses!: Address[];

  @Column({ type: 'text', nullable: true })
  tier!: string | null;

  @Column({ type: 'text', array: true })
  tags!: string[];

  @Column({ name: 'lifecycle_stage', type: 'enum', enum: LIFECYCLE_STAGES, enumName: 'lifecycle_stage' })
  lifecycleStage!: LifecycleStage;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'custom_fields', type: 'jsonb', nullable: true })
  customFields!: Record<string, JsonValue> | null;

  /** The account's id in the system it was imported from (CSV import upserts by it); unique per tenant. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', precision: 3, nullable: true })
  archivedAt!: Date | null;

  /** Names, emails and phones in every searchable spelling (see account.search.ts); never shown. */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;

  // Relations declared only for their foreign keys, which include tenant_id so that an owner,
  // parent or tenant can never belong to another tenant. Never loaded: DataLoaders do that.
  @ManyToOne(() => TenantEntity, { nullable: false })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'accounts_tenant_fkey' })
  readonly tenant?: never;

  @ManyToOne(() => UserEntity)
  @JoinColumn([
    // TypeORM takes a composite key's constraint name from its first column.
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'accounts_owner_fkey' },
    { name: 'owner_id', referencedColumnName: 'id' },
  ])
  readonly owner?: never;

  @ManyToOne(() => AccountEntity)
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'accounts_parent_fkey' },
    { name: 'parent_id', referencedColumnName: 'id' },
  ])
  readonly parent?: never;
}
