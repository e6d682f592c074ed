import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OpportunityEntity } from './opportunity.entity';

/** One member of an opportunity's buying committee. */
@Entity({ name: 'opportunity_contact_roles' })
@Index('opportunity_contact_roles_contact_idx', ['tenantId', 'contactId'])
@Index('opportunity_contact_roles_one_primary', ['tenantId', 'opportunityId'], {
  unique: true,
  where: '"is_primary"',
})
export class ContactRoleEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'uuid',
    primaryKeyConstraintName: 'opportunity_contact_roles_pkey',
  })
  tenantId!: string;

  @PrimaryColumn({
    name: 'opportunity_id',
    type: 'uuid',
    primaryKeyConstraintName: 'opportunity_contact_roles_pkey',
  })
  opportunityId!: string;

  @PrimaryColumn({
    name: 'contact_id',
    type: 'uuid',
    primaryKeyConstraintName: 'opportunity_contact_roles_pkey',
  })
  contactId!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary!: boolean;

  @ManyToOne(() => OpportunityEntity, { nullable: false })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'opportunity_contact_roles_opportunity_fkey',
    },
    { name: 'opportunity_id', referencedColumnName: 'id' },
  ])
  readonly opportunity?: never;
}
