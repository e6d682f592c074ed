import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A contact's name and addresses, projected from accounts' events: the fallback recipient of an account. */
@Entity({ name: 'contact_profiles' })
@Index('contact_profiles_account_idx', ['tenantId', 'accountId'])
export class ContactProfileEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'contact_profiles_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'contact_id', type: 'uuid', primaryKeyConstraintName: 'contact_profiles_pkey' })
  contactId!: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary!: boolean;

  @Column({ type: 'text', array: true })
  emails!: string[];

  @Column({ type: 'text', array: true })
  phones!: string[];

  @Column({ name: 'source_version', type: 'integer' })
  sourceVersion!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
