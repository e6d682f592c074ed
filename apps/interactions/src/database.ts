import {
  createServiceDataSource,
  type ServiceDataSource,
  type ServiceDataSourceOptions,
} from '@crm/database';
import { ActivityContactEntity } from './activity/activity-contact.entity';
import { ActivityEntity } from './activity/activity.entity';
import { AccountProfileEntity } from './customer-profile/account-profile.entity';
import { ConsentEntity } from './customer-profile/consent.entity';
import { ContactProfileEntity } from './customer-profile/contact-profile.entity';
import { CustomerMessageEntity } from './customer-messaging/customer-message.entity';
import { interactionsMigrations } from './migrations';
import { NotificationEntity } from './notification/notification.entity';
import { ReminderEntity } from './task/reminder.entity';
import { TaskEntity } from './task/task.entity';
import { NotificationSettingsEntity } from './tenant-settings/notification-settings.entity';
import { TimelineEntryEntity } from './timeline/timeline-entry.entity';

export const interactionsEntities = [
  ActivityEntity,
  ActivityContactEntity,
  TimelineEntryEntity,
  TaskEntity,
  ReminderEntity,
  NotificationEntity,
  AccountProfileEntity,
  ContactProfileEntity,
  ConsentEntity,
  NotificationSettingsEntity,
  CustomerMessageEntity,
];

/** The one description of the interactions database, shared by the service, migrations and tests. */
export function interactionsDatabaseOptions(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSourceOptions {
  return {
    url,
    applicationName: 'crm-interactions',
    entities: interactionsEntities,
    migrations: interactionsMigrations,
    ...overrides,
  };
}

export function createInteractionsDataSource(
  url: string,
  overrides: Partial<ServiceDataSourceOptions> = {},
): ServiceDataSource {
  return createServiceDataSource(interactionsDatabaseOptions(url, overrides));
}
