import DataLoader from 'dataloader';
import type { ReminderEntity } from './reminder.entity';
import type { TaskEntity, TaskStatus } from './task.entity';
import type { TaskService } from './task.service';

export interface AccountTasksKey {
  accountId: string;
  status: TaskStatus | null;
}

export interface TaskLoaders {
  /** Account.tasks for every account in a response: one statement per distinct status filter. */
  byAccount: DataLoader<AccountTasksKey, TaskEntity[], string>;
  remindersByTask: DataLoader<string, ReminderEntity[]>;
}

export function createTaskLoaders(tasks: TaskService, callerTenantId: () => string): TaskLoaders {
  return {
    byAccount: new DataLoader(
      async (keys) => {
        const statuses = [...new Set(keys.map((key) => key.status))];
        const found = new Map<string, TaskEntity[]>();
        for (const status of statuses) {
          const accountIds = keys.filter((key) => key.status === status).map((key) => key.accountId);
          const lists = await tasks.tasksByAccount(callerTenantId(), accountIds, status);
          accountIds.forEach((accountId, index) => found.set(`${status}:${accountId}`, lists[index] ?? []));
        }
        return keys.map((key) => found.get(`${key.status}:${key.accountId}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.status}:${key.accountId}` },
    ),
    remindersByTask: new DataLoader((taskIds) => tasks.remindersByTask(callerTenantId(), taskIds)),
  };
}
