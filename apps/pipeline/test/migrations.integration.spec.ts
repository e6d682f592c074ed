import { describeServiceMigrations } from '@crm/testing';
import { pipelineDatabaseOptions } from '../src/database';

describeServiceMigrations({
  service: 'pipeline',
  databaseOptions: (url) => pipelineDatabaseOptions(url),
  tables: [
    'account_profiles',
    'inbox',
    'leads',
    'line_items',
    'opportunities',
    'opportunity_contact_roles',
    'outbox',
    'pipelines',
    'price_list_entries',
    'price_lists',
    'products',
    'quote_counters',
    'quotes',
    'stage_visits',
    'stages',
  ],
  minimumIndexes: 21,
});
