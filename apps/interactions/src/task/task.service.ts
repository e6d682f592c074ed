import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  type Caller,
  canonicalUuid,
  FieldErrors,
  InvalidInputError,
  isUuid,
  queryableIds,
} from '@crm/subgraph';
import { isAccountArchived } from '../customer-profile/account-profile.queries';
import { publishTaskCompleted } from '../events/publishers';
import type { CreateTaskInput } from '../generated/graphql';
import { ReminderEntity } from './reminder.entity';
import { TaskEntity, type TaskStatus } from './task.entity';
import { TaskNotFoundError, TaskNotOpenError } from './task.errors';
import { validateNewTask } from './task.validation';

/** How many tasks one list returns: a person's open work, not an archive. */
export const MAX_TASKS_LISTED = 500;

export interface TaskFilter {
  status?: TaskStatus | null;
  dueBefore?: Date | null;
}

export class TaskService {
  constructor(private readonly database: TenantScopedDatabase) {}

  async createTask(caller: Caller, input: CreateTaskInput): Promise<TaskEntity> {
    const errors = new FieldErrors('input');
    const { fields, remindAt } = validateNewTask(errors, input, caller.userId);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      if (
        remindAt.length > 0 &&
        fields.accountId &&
        (await isAccountArchived(manager, caller.tenantId, fields.accountId))
      )
        throw new InvalidInputError([
          { field: 'input.remindAt', message: 'the account is archived: no new reminders' },
        ]);
      const task = manager.create(TaskEntity, {
        ...fields,
        tenantId: caller.tenantId,
        id: uuidv7(),
        status: 'OPEN',
      });
      await manager.insert(TaskEntity, task);
      if (remindAt.length > 0) {
        await manager.insert(
          ReminderEntity,
          remindAt.map((at) => ({ tenantId: caller.tenantId, id: uuidv7(), taskId: task.id, remindAt: at })),
        );
      }
      return task;
    });
  }

  /** Done: pending reminders are cancelled with it. */
  completeTask(caller: Caller, id: string): Promise<TaskEntity> {
    if (!isUuid(id))
      return Promise.reject(
        new InvalidInputError([{ field: 'id', message: 'is not an id this API returned' }]),
      );
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const task = await manager.findOne(TaskEntity, {
        where: { tenantId: caller.tenantId, id: canonicalUuid(id) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!task) throw new TaskNotFoundError(id);
      if (task.status !== 'OPEN') throw new TaskNotOpenError(id, task.status);
      Object.assign(task, { status: 'DONE', completedAt: new Date() });
      await manager.save(task);
      await cancelPendingReminders(manager, caller.tenantId, 'task', [task.id]);
      await publishTaskCompleted(manager, task, caller.userId);
      return task;
    });
  }

  /** The caller's tasks, soonest due first (undated last). */
  myTasks(caller: Caller, filter: TaskFilter): Promise<TaskEntity[]> {
    return this.database.inTenant(caller.tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(TaskEntity, 'task')
        .where('task.tenantId = :tenantId AND task.assigneeId = :userId', {
          tenantId: caller.tenantId,
          userId: caller.userId,
        })
        .orderBy('task.dueAt', 'ASC', 'NULLS LAST')
        .addOrderBy('task.id', 'ASC')
        .limit(MAX_TASKS_LISTED);
      if (filter.status) query.andWhere('task.status = :status', { status: filter.status });
      if (filter.dueBefore) query.andWhere('task.dueAt < :dueBefore', { dueBefore: filter.dueBefore });
      return query.getMany();
    });
  }

  /** Each account's tasks (of one status, or all), soonest due first, in the order of `accountIds`. */
  async tasksByAccount(
    tenantId: string,
    accountIds: readonly string[],
    status: TaskStatus | null,
  ): Promise<TaskEntity[][]> {
    const tasks = await this.database.inTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(TaskEntity, 'task')
        .where('task.tenantId = :tenantId AND task.accountId = ANY(:accountIds)', {
          tenantId,
          accountIds: queryableIds(accountIds),
        })
        .orderBy('task.dueAt', 'ASC', 'NULLS LAST')
        .addOrderBy('task.id', 'ASC');
      if (status) query.andWhere('task.status = :status', { status });
      return query.getMany();
    });
    return accountIds.map((accountId) => tasks.filter((task) => task.accountId === accountId));
  }

  async remindersByTask(tenantId: string, taskIds: readonly string[]): Promise<ReminderEntity[][]> {
    const reminders = await this.database.inTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(ReminderEntity, 'reminder')
        .where('reminder.tenantId = :tenantId AND reminder.taskId = ANY(:taskIds)', {
          tenantId,
          taskIds: queryableIds(taskIds),
        })
        .orderBy('reminder.remindAt', 'ASC')
        .getMany(),
    );
    return taskIds.map((taskId) => reminders.filter((reminder) => reminder.taskId === taskId));
  }
}

/** Reminders not yet fired of some tasks, or of every task about some accounts, never fire. */
export async function cancelPendingReminders(
  manager: EntityManager,
  tenantId: string,
  of: 'task' | 'account',
  ids: readonly string[],
): Promise<void> {
  const taskFilter =
    of === 'task'
      ? `"task_id" = ANY($2::uuid[])`
      : `"task_id" IN (SELECT "id" FROM "tasks" WHERE "tenant_id" = $1 AND "account_id" = ANY($2::uuid[]))`;
  await manager.query(
    `UPDATE "reminders" SET "cancelled_at" = now()
     WHERE "tenant_id" = $1 AND ${taskFilter} AND "fired_at" IS NULL AND "cancelled_at" IS NULL`,
    [tenantId, ids],
  );
}
