import type { AccountEntity } from '../account/account.entity';
import type { ContactEntity } from '../contact/contact.entity';
import type { ColumnSpec } from './import-sql';

/** Every stored column of an account but the timestamps (the database sets those). */
export const ACCOUNT_COLUMNS: readonly ColumnSpec<AccountEntity>[] = [
  { name: 'tenant_id', type: 'uuid', value: (a) => a.tenantId },
  { name: 'id', type: 'uuid', value: (a) => a.id },
  { name: 'external_id', type: 'text', value: (a) => a.externalId },
  { name: 'kind', type: 'account_kind', value: (a) => a.kind },
  { name: 'sales_model', type: 'sales_model', value: (a) => a.salesModel },
  { name: 'display_name', type: 'text', value: (a) => a.displayName },
  { name: 'legal_name', type: 'text', value: (a) => a.legalName },
  { name: 'industry', type: 'text', value: (a) => a.industry },
  { name: 'registration_number', type: 'text', value: (a) => a.registrationNumber },
  { name: 'tax_id', type: 'text', value: (a) => a.taxId },
  { name: 'website', type: 'text', value: (a) => a.website },
  { name: 'employee_count', type: 'integer', value: (a) => a.employeeCount },
  { name: 'parent_id', type: 'uuid', value: (a) => a.parentId },
  { name: 'first_name', type: 'text', value: (a) => a.firstName },
  { name: 'last_name', type: 'text', value: (a) => a.lastName },
  { name: 'birth_date', type: 'date', value: (a) => a.birthDate },
  { name: 'emails', type: 'text[]', value: (a) => a.emails },
  { name: 'phones', type: 'text[]', value: (a) => a.phones },
  { name: 'addresses', type: 'jsonb', value: (a) => a.addresses },
  { name: 'tier', type: 'text', value: (a) => a.tier },
  { name: 'tags', type: 'text[]', value: (a) => a.tags },
  { name: 'lifecycle_stage', type: 'lifecycle_stage', value: (a) => a.lifecycleStage },
  { name: 'owner_id', type: 'uuid', value: (a) => a.ownerId },
  { name: 'custom_fields', type: 'jsonb', value: (a) => a.customFields },
  { name: 'archived_at', type: 'timestamptz', value: (a) => a.archivedAt },
  { name: 'search_text', type: 'text', value: (a) => a.searchText },
  { name: 'version', type: 'integer', value: (a) => a.version },
];

export const CONTACT_COLUMNS: readonly ColumnSpec<ContactEntity>[] = [
  { name: 'tenant_id', type: 'uuid', value: (c) => c.tenantId },
  { name: 'id', type: 'uuid', value: (c) => c.id },
  { name: 'account_id', type: 'uuid', value: (c) => c.accountId },
  { name: 'first_name', type: 'text', value: (c) => c.firstName },
  { name: 'last_name', type: 'text', value: (c) => c.lastName },
  { name: 'job_title', type: 'text', value: (c) => c.jobTitle },
  { name: 'buying_role', type: 'buying_role', value: (c) => c.buyingRole },
  { name: 'is_primary', type: 'boolean', value: (c) => c.isPrimary },
  { name: 'emails', type: 'text[]', value: (c) => c.emails },
  { name: 'phones', type: 'text[]', value: (c) => c.phones },
  { name: 'version', type: 'integer', value: (c) => c.version },
];
