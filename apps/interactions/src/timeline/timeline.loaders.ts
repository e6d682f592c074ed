import DataLoader from 'dataloader';
import { loadGroupedByRequest } from '../common/grouped-page-requests';
import type { TimePosition } from '../common/time-cursor';
import type { TimelinePage } from './timeline.page';
import type { TimelineService } from './timeline.service';

export interface TimelinePageKey {
  accountId: string;
  pageSize: number;
  after: TimePosition | null;
}

export interface TimelineLoaders {
  pageByAccount: DataLoader<TimelinePageKey, TimelinePage, string>;
}

function pageRequest({ pageSize, after }: TimelinePageKey): string {
  return JSON.stringify([pageSize, after?.at.toISOString() ?? null, after?.id ?? null]);
}

export function createTimelineLoaders(
  timeline: TimelineService,
  callerTenantId: () => string,
): TimelineLoaders {
  return {
    pageByAccount: new DataLoader(
      (keys) =>
        loadGroupedByRequest(keys, pageRequest, (same) => {
          const { pageSize, after } = same[0] as TimelinePageKey;
          return timeline.pagesByAccount(
            callerTenantId(),
            same.map((key) => key.accountId),
            pageSize,
            after,
          );
        }),
      { cacheKeyFn: (key) => `${pageRequest(key)}:${key.accountId}` },
    ),
  };
}
