import DataLoader from 'dataloader';
import type { UserEntity } from './user.entity';
import type { UserService } from './user.service';

export interface UserLoaders {
  byId: DataLoader<string, UserEntity | null>;
}

export function createUserLoaders(users: UserService, callerTenantId: () => string): UserLoaders {
  return {
    byId: new DataLoader((ids) => users.findByIds(callerTenantId(), ids)),
  };
}
