import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedAggregate } from '@crm/database';

/**
 * A customer of the platform. Its key column is `tenant_id` like every other table's tenant column,
 * so the same row-level-security policy protects it: a tenant sees only its own row.
 */
@Entity({ name: 'tenants' })
export class TenantEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'tenants_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** ISO 4217. */
  @Column({ name: 'default_currency', type: 'text' })
  defaultCurrency!: string;

  /** BCP 47. */
  @Column({ type: 'text' })
  locale!: string;

  /** IANA time zone. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  /** ISO 3166 region for reading phone numbers typed without a country code. */
  @Column({ name: 'phone_region', type: 'text' })
  phoneRegion!: string;
}
