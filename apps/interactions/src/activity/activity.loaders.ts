import DataLoader from 'dataloader';
import { loadGroupedByRequest } from '../common/grouped-page-requests';
import type { TimePosition } from '../common/time-cursor';
import type { ActivityEntity, ActivityType } from './activity.entity';
import type { ActivityPage } from './activity.page';
import type { ActivityOwner } from './activity.query';
import type { ActivityService } from './activity.service';

export interface ActivityPageKey {
  ownerId: string;
  types: readonly ActivityType[] | null;
  pageSize: number;
  after: TimePosition | null;
}

export interface ActivityLoaders {
  byId: DataLoader<string, ActivityEntity | null>;
  /** Account/Contact/Opportunity.activities for every entity in a response: one statement per distinct page request. */
  pageOf: Record<ActivityOwner, DataLoader<ActivityPageKey, ActivityPage, string>>;
  lastInteractionAt: DataLoader<string, Date | null>;
}

function pageRequest({ types, pageSize, after }: ActivityPageKey): string {
  return JSON.stringify([
    types ? [...types].sort() : null,
    pageSize,
    after?.at.toISOString() ?? null,
    after?.id ?? null,
  ]);
}

function pageLoader(
  activities: ActivityService,
  owner: ActivityOwner,
  callerTenantId: () => string,
): DataLoader<ActivityPageKey, ActivityPage, string> {
  return new DataLoader(
    (keys) =>
      loadGroupedByRequest(keys, pageRequest, (same) => {
        const { types, pageSize, after } = same[0] as ActivityPageKey;
        return activities.pagesOf(
          owner,
          callerTenantId(),
          same.map((key) => key.ownerId),
          types,
          pageSize,
          after,
        );
      }),
    { cacheKeyFn: (key) => `${pageRequest(key)}:${key.ownerId}` },
  );
}

export function createActivityLoaders(
  activities: ActivityService,
  callerTenantId: () => string,
): ActivityLoaders {
  return {
    byId: new DataLoader((ids) => activities.findByIds(callerTenantId(), ids)),
    pageOf: {
      account: pageLoader(activities, 'account', callerTenantId),
      contact: pageLoader(activities, 'contact', callerTenantId),
      opportunity: pageLoader(activities, 'opportunity', callerTenantId),
    },
    lastInteractionAt: new DataLoader((accountIds) =>
      activities.lastInteractionAt(callerTenantId(), accountIds),
    ),
  };
}
