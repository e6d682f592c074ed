import { Entity, PrimaryColumn } from 'typeorm';

/** Which contacts took part in an activity: the index behind Contact.activities. */
@Entity({ name: 'activity_contacts' })
export class ActivityContactEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'activity_contacts_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'contact_id', type: 'uuid', primaryKeyConstraintName: 'activity_contacts_pkey' })
  contactId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'uuid', primaryKeyConstraintName: 'activity_contacts_pkey' })
  activityId!: string;
}
