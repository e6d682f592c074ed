import type { EntityManager } from 'typeorm';
import {
  AccountErasureCompletedBy,
  ActivityCompleted,
  ActivityLogged,
  ActivityRescheduled,
  ReminderDue,
  TaskCompleted,
  type EventData,
} from '@crm/events';
import { factsAbout, publishEvent } from '@crm/messaging';
import type { ActivityEntity } from '../activity/activity.entity';
import type { TaskEntity } from '../task/task.entity';

/**
 * Which state changes become which events. Each runs inside the transaction of the change, so an
 * event is in the outbox if and only if its change committed. Activity events carry no subject,
 * body or outcome: those may hold personal data, and events outlive an erasure request.
 */

function activityFacts(activity: ActivityEntity): EventData<typeof ActivityLogged> {
  return {
    activityId: activity.id,
    type: activity.type,
    channel: activity.channel,
    direction: activity.direction,
    status: activity.status,
    accountId: activity.accountId,
    contactIds: activity.contactIds,
    opportunityId: activity.opportunityId,
    orderId: activity.orderId,
    ownerId: activity.ownerId,
    startsAt: activity.startsAt.toISOString(),
    endsAt: activity.endsAt?.toISOString() ?? null,
  };
}

export async function publishActivityLogged(
  manager: EntityManager,
  activity: ActivityEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ActivityLogged, {
    ...factsAbout(activity, actorId),
    data: activityFacts(activity),
  });
}

export async function publishActivityRescheduled(
  manager: EntityManager,
  activity: ActivityEntity,
  previousStartsAt: Date,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ActivityRescheduled, {
    ...factsAbout(activity, actorId),
    data: { ...activityFacts(activity), previousStartsAt: previousStartsAt.toISOString() },
  });
}

export async function publishActivityCompleted(
  manager: EntityManager,
  activity: ActivityEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ActivityCompleted, {
    ...factsAbout(activity, actorId),
    data: { ...activityFacts(activity), completedAt: (activity.completedAt ?? new Date()).toISOString() },
  });
}

export async function publishTaskCompleted(
  manager: EntityManager,
  task: TaskEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, TaskCompleted, {
    ...factsAbout(task, actorId),
    data: {
      taskId: task.id,
      accountId: task.accountId,
      opportunityId: task.opportunityId,
      assigneeId: task.assigneeId,
      dueAt: task.dueAt?.toISOString() ?? null,
      completedAt: (task.completedAt ?? new Date()).toISOString(),
    },
  });
}

export interface FiredReminder {
  tenantId: string;
  reminderId: string;
  taskId: string;
  taskTitle: string;
  taskVersion: number;
  assigneeId: string | null;
  accountId: string | null;
  dueAt: Date | null;
  remindAt: Date;
}

/** Keyed by the task, so a task's reminders reach consumers in order. */
export async function publishReminderDue(manager: EntityManager, reminder: FiredReminder): Promise<void> {
  await publishEvent(manager, ReminderDue, {
    tenantId: reminder.tenantId,
    actorId: 'system',
    aggregateId: reminder.taskId,
    aggregateVersion: reminder.taskVersion,
    data: {
      reminderId: reminder.reminderId,
      taskId: reminder.taskId,
      taskTitle: reminder.taskTitle,
      assigneeId: reminder.assigneeId,
      accountId: reminder.accountId,
      dueAt: reminder.dueAt?.toISOString() ?? null,
      remindAt: reminder.remindAt.toISOString(),
    },
  });
}

export async function publishErasureCompleted(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  completedAt: Date,
): Promise<void> {
  await publishEvent(manager, AccountErasureCompletedBy.interactions, {
    tenantId,
    actorId: 'system',
    aggregateId: accountId,
    aggregateVersion: 1,
    data: { accountId, service: 'interactions', completedAt: completedAt.toISOString() },
  });
}
