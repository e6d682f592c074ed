import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ROLES, type Role } from '@crm/subgraph';
import { VersionedAggregate } from '@crm/database';
import { TenantEntity } from '../tenant/tenant.entity';

/** A member of a tenant's team. */
@Entity({ name: 'users' })
// The one index that does not start with tenant_id: `login(email, password)` carries no tenant, so
// an email must name exactly one user across the platform.
@Index('users_email_key', ['email'], { unique: true })
export class UserEntity extends VersionedAggregate {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'users_pkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  /** Normalised (lower-case), see @crm/text normalizeEmail. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role' })
  role!: Role;

  /** scrypt, see password.ts; null until an invited user sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** Declared only for its foreign key; never loaded. */
  @ManyToOne(() => TenantEntity, { nullable: false })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'users_tenant_fkey' })
  readonly tenant?: never;
}
