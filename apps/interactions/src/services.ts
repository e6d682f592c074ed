import type { TenantScopedDatabase } from '@crm/database';
import { ActivityService } from './activity/activity.service';
import { DataExportService } from './data-export/data-export.service';
import { NotificationService } from './notification/notification.service';
import { TaskService } from './task/task.service';
import { NotificationSettingsService } from './tenant-settings/notification-settings.service';
import { TimelineService } from './timeline/timeline.service';

/** One instance of each aggregate's service per process, shared by every request. */
export interface InteractionsServices {
  activities: ActivityService;
  timeline: TimelineService;
  tasks: TaskService;
  notifications: NotificationService;
  notificationSettings: NotificationSettingsService;
  dataExport: DataExportService;
}

export function createInteractionsServices(database: TenantScopedDatabase): InteractionsServices {
  return {
    activities: new ActivityService(database),
    timeline: new TimelineService(database),
    tasks: new TaskService(database),
    notifications: new NotificationService(database),
    notificationSettings: new NotificationSettingsService(database),
    dataExport: new DataExportService(database),
  };
}
