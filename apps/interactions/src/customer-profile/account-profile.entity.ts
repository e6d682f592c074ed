import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What interactions knows about an account, projected from accounts' events: whom to message and
 * whether it is archived. Never read from the accounts service.
 */
@Entity({ name: 'account_profiles' })
export class AccountProfileEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'account_profiles_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'account_profiles_pkey' })
  accountId!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true })
  emails!: string[];

  /** E.164. */
  @Column({ type: 'text', array: true })
  phones!: string[];

  @Column({ type: 'boolean' })
  archived!: boolean;

  /** The account version the row reflects: an older event arriving late changes nothing. */
  @Column({ name: 'source_version', type: 'integer' })
  sourceVersion!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
