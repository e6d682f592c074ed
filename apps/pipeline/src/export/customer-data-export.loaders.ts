import DataLoader from 'dataloader';
import type { TenantScopedDatabase } from '@crm/database';
import { exportCustomerData } from './customer-data-export';

export interface CustomerDataExportLoaders {
  /** Exports are rare and per account; the loader only de-duplicates within a request. */
  byAccountId: DataLoader<string, Record<string, unknown>>;
}

export function createCustomerDataExportLoaders(
  database: TenantScopedDatabase,
  callerTenantId: () => string,
): CustomerDataExportLoaders {
  return {
    byAccountId: new DataLoader(async (accountIds) => {
      const exports: Record<string, unknown>[] = [];
      for (const accountId of accountIds)
        exports.push(await exportCustomerData(database, callerTenantId(), accountId));
      return exports;
    }),
  };
}
