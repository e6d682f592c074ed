import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CUSTOMER_NOTIFICATION_CHANNELS = ['EMAIL', 'SMS', 'NONE'] as const;
export type CustomerNotificationChannel = (typeof CUSTOMER_NOTIFICATION_CHANNELS)[number];
export const MESSAGE_LOCALES = ['en', 'fa'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

/** How one tenant's customers hear about their orders; a tenant without a row gets EMAIL in English. */
@Entity({ name: 'customer_notification_settings' })
export class NotificationSettingsEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'uuid',
    primaryKeyConstraintName: 'customer_notification_settings_pkey',
  })
  tenantId!: string;

  @Column({ type: 'text' })
  channel!: CustomerNotificationChannel;

  @Column({ type: 'text' })
  locale!: MessageLocale;

  @Column({ name: 'from_address', type: 'text', nullable: true })
  fromAddress!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
