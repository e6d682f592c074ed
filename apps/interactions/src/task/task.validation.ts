import { type FieldErrors, LIMITS, requiredText } from '@crm/subgraph';
import { optionalId } from '../common/id-fields';
import type { CreateTaskInput } from '../generated/graphql';
import type { TaskEntity } from './task.entity';

export const MAX_REMINDERS_PER_TASK = 10;
export const DEFAULT_TASK_PRIORITY = 3;

export type TaskFields = Pick<
  TaskEntity,
  'title' | 'dueAt' | 'priority' | 'assigneeId' | 'accountId' | 'opportunityId'
>;

/** Checks a new task; the caller is its assignee unless told otherwise. Reminders come out sorted. */
export function validateNewTask(
  errors: FieldErrors,
  input: CreateTaskInput,
  callerUserId: string,
): { fields: TaskFields; remindAt: Date[] } {
  const priority = input.priority ?? DEFAULT_TASK_PRIORITY;
  if (!Number.isInteger(priority) || priority < 1 || priority > 5)
    errors.add('priority', 'must be 1 (highest) to 5');
  const remindAt = input.remindAt ?? [];
  if (remindAt.length > MAX_REMINDERS_PER_TASK)
    errors.add('remindAt', `must have at most ${MAX_REMINDERS_PER_TASK} entries`);
  return {
    fields: {
      title: requiredText(errors, 'title', input.title, LIMITS.name),
      dueAt: input.dueAt ?? null,
      priority,
      assigneeId:
        input.assigneeId == null ? callerUserId : optionalId(errors, 'assigneeId', input.assigneeId),
      accountId: optionalId(errors, 'accountId', input.accountId),
      opportunityId: optionalId(errors, 'opportunityId', input.opportunityId),
    },
    remindAt: [...new Set(remindAt.map((at) => at.getTime()))]
      .sort((a, b) => a - b)
      .map((ms) => new Date(ms)),
  };
}

/** OPEN and past its due time. */
export function isOverdue(task: Pick<TaskEntity, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'OPEN' && task.dueAt !== null && task.dueAt.getTime() < now.getTime();
}
