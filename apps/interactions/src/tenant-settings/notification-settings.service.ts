import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { type Caller, FieldErrors } from '@crm/subgraph';
import { isValidEmail, normalizeEmail } from '@crm/text';
import {
  MESSAGE_LOCALES,
  NotificationSettingsEntity,
  type CustomerNotificationChannel,
  type MessageLocale,
} from './notification-settings.entity';

export interface NotificationSettings {
  channel: CustomerNotificationChannel;
  locale: MessageLocale;
  fromAddress: string | null;
}

/** What a tenant that never chose gets: email, in English, from the service's NOTIFICATION_FROM. */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  channel: 'EMAIL',
  locale: 'en',
  fromAddress: null,
};

export async function notificationSettingsOf(
  manager: EntityManager,
  tenantId: string,
): Promise<NotificationSettings> {
  const row = await manager.findOneBy(NotificationSettingsEntity, { tenantId });
  return row
    ? { channel: row.channel, locale: row.locale, fromAddress: row.fromAddress }
    : DEFAULT_NOTIFICATION_SETTINGS;
}

export class NotificationSettingsService {
  constructor(private readonly database: TenantScopedDatabase) {}

  settings(tenantId: string): Promise<NotificationSettings> {
    return this.database.inTenant(tenantId, (manager) => notificationSettingsOf(manager, tenantId));
  }

  async setSettings(
    caller: Caller,
    input: { channel: CustomerNotificationChannel; locale: string; fromAddress?: string | null },
  ): Promise<NotificationSettings> {
    const errors = new FieldErrors();
    if (!(MESSAGE_LOCALES as readonly string[]).includes(input.locale))
      errors.add('locale', `must be one of ${MESSAGE_LOCALES.join(', ')}`);
    const fromAddress = input.fromAddress?.trim() ? normalizeEmail(input.fromAddress) : null;
    if (fromAddress !== null && !isValidEmail(fromAddress))
      errors.add('fromAddress', `"${input.fromAddress}" is not a valid email address`);
    errors.throwIfAny();
    const settings: NotificationSettings = {
      channel: input.channel,
      locale: input.locale as MessageLocale,
      fromAddress,
    };
    return this.database.inTenant(caller.tenantId, async (manager) => {
      await manager.upsert(NotificationSettingsEntity, { tenantId: caller.tenantId, ...settings }, [
        'tenantId',
      ]);
      return settings;
    });
  }
}
