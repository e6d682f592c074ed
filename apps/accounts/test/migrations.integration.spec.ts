import { describeServiceMigrations } from '@crm/testing';
import { accountsDatabaseOptions } from '../src/database';

describeServiceMigrations({
  service: 'accounts',
  databaseOptions: (url) => accountsDatabaseOptions(url),
  tables: [
    'account_merges',
    'accounts',
    'contacts',
    'erasure_acknowledgements',
    'erasure_requests',
    'import_job_errors',
    'import_jobs',
    'inbox',
    'outbox',
    'tenants',
    'users',
  ],
  indexesNotLeadingWithTenant: {
    users_email_key: 'login(email, password) has no tenant: emails are unique platform-wide',
  },
  minimumIndexes: 9,
});
