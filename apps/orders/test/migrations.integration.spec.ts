import { describeServiceMigrations } from '@crm/testing';
import { ordersDatabaseOptions } from '../src/database';

describeServiceMigrations({
  service: 'orders',
  databaseOptions: (url) => ordersDatabaseOptions(url),
  tables: [
    'account_profiles',
    'inbox',
    'order_counters',
    'order_lines',
    'order_status_changes',
    'orders',
    'outbox',
    'payments',
    'price_entries',
    'price_lists',
    'products',
    'refunds',
    'shipments',
  ],
});
