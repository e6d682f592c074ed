import DataLoader from 'dataloader';
import { requireCaller, type Caller } from '@crm/subgraph';
import { createActivityLoaders, type ActivityLoaders } from './activity/activity.loaders';
import type { InteractionsServices } from './services';
import { createTaskLoaders, type TaskLoaders } from './task/task.loaders';
import { createTimelineLoaders, type TimelineLoaders } from './timeline/timeline.loaders';

/** Per request, so batching and caching never cross requests or tenants. */
export interface InteractionsLoaders {
  activities: ActivityLoaders;
  timeline: TimelineLoaders;
  tasks: TaskLoaders;
  dataExport: DataLoader<string, Record<string, unknown>>;
}

export function interactionsLoaderFactory(
  services: InteractionsServices,
): (caller: Caller | null) => InteractionsLoaders {
  return (caller) => {
    const callerTenantId = () => requireCaller({ caller }).tenantId;
    return {
      activities: createActivityLoaders(services.activities, callerTenantId),
      timeline: createTimelineLoaders(services.timeline, callerTenantId),
      tasks: createTaskLoaders(services.tasks, callerTenantId),
      // One export is a handful of statements; a request asks for one customer's, rarely more.
      dataExport: new DataLoader((accountIds) =>
        Promise.all(
          accountIds.map((accountId) => services.dataExport.exportFor(callerTenantId(), accountId)),
        ),
      ),
    };
  };
}
