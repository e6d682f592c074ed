import DataLoader from 'dataloader';
import type { TenantEntity } from './tenant.entity';
import type { TenantService } from './tenant.service';

export interface TenantLoaders {
  byId: DataLoader<string, TenantEntity | null>;
}

export function createTenantLoaders(tenants: TenantService, callerTenantId: () => string): TenantLoaders {
  return {
    byId: new DataLoader((ids) => tenants.findByIds(callerTenantId(), ids)),
  };
}
