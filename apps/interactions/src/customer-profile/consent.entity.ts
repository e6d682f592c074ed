import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CONSENT_CHANNELS = ['EMAIL', 'SMS'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_STATES = ['OPTED_IN', 'OPTED_OUT', 'UNKNOWN'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** An account's consent per channel, projected from marketing's ConsentChanged. */
@Entity({ name: 'consents' })
export class ConsentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: 'consents_pkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'consents_pkey' })
  accountId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'consents_pkey' })
  channel!: ConsentChannel;

  @Column({ type: 'text' })
  state!: ConsentState;

  /** When marketing recorded the change: a late, older event never overrides a newer state. */
  @Column({ name: 'changed_at', type: 'timestamptz', precision: 3 })
  changedAt!: Date;
}
