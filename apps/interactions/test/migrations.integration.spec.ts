import { describeServiceMigrations } from '@crm/testing';
import { interactionsDatabaseOptions } from '../src/database';

describeServiceMigrations({
  service: 'interactions',
  databaseOptions: (url) => interactionsDatabaseOptions(url),
  tables: [
    'account_profiles',
    'activities',
    'activity_contacts',
    'consents',
    'contact_profiles',
    'customer_messages',
    'customer_notification_settings',
    'inbox',
    'notifications',
    'outbox',
    'reminders',
    'tasks',
    'timeline_entries',
  ],
  indexesNotLeadingWithTenant: {
    reminders_pending_idx: 'the scheduler asks which tenants have due reminders at all',
    customer_messages_open_idx: 'the dispatcher asks which tenants have messages waiting at all',
  },
  minimumIndexes: 9,
});
