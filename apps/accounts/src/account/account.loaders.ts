import DataLoader from 'dataloader';
import type { AccountEntity } from './account.entity';
import type { AccountService } from './account.service';

export interface AccountLoaders {
  byId: DataLoader<string, AccountEntity | null>;
}

export function createAccountLoaders(accounts: AccountService, callerTenantId: () => string): AccountLoaders {
  return {
    byId: new DataLoader((ids) => accounts.findByIds(callerTenantId(), ids)),
  };
}
