import { describeServiceMigrations } from '@crm/testing';
import { marketingDatabaseOptions } from '../src/database';

describeServiceMigrations({
  service: 'marketing',
  databaseOptions: (url) => marketingDatabaseOptions(url),
  tables: [
    'campaign_recipients',
    'campaigns',
    'consents',
    'customer_profiles',
    'inbox',
    'outbox',
    'profile_contacts',
    'profile_orders',
    'segments',
    'visits',
  ],
  indexesNotLeadingWithTenant: {
    campaigns_status_idx: 'campaigns_with_work() looks across tenants for the sender loop',
  },
  minimumIndexes: 11,
});
