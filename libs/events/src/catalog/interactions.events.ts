import { z } from 'zod';
import { defineEvent } from '../define-event';
import { isoDateTimeSchema } from './shared-schemas';

const activityType = z.enum(['CALL', 'MEETING', 'EMAIL', 'MESSAGE', 'NOTE']);
const channel = z.enum(['PHONE', 'EMAIL', 'SMS', 'WHATSAPP', 'IN_PERSON', 'VIDEO', 'WEB', 'SYSTEM']);
const activityStatus = z.enum(['PLANNED', 'DONE', 'CANCELLED']);

/**
 * Touchpoint facts without subject or body: those may hold personal data, and events outlive an
 * erasure request. Consumers count and attribute; the timeline text stays in interactions.
 */
const activityFacts = z.object({
  activityId: z.uuid(),
  type: activityType,
  channel,
  direction: z.enum(['INBOUND', 'OUTBOUND']).nullable(),
  status: activityStatus,
  accountId: z.uuid().nullable(),
  contactIds: z.array(z.uuid()),
  opportunityId: z.uuid().nullable(),
  orderId: z.uuid().nullable(),
  ownerId: z.uuid().nullable(),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema.nullable(),
});

export const ActivityLogged = defineEvent({
  service: 'interactions',
  name: 'ActivityLogged',
  version: 1,
  schema: activityFacts,
});

export const ActivityRescheduled = defineEvent({
  service: 'interactions',
  name: 'ActivityRescheduled',
  version: 1,
  schema: activityFacts.extend({ previousStartsAt: isoDateTimeSchema }),
});

export const ActivityCompleted = defineEvent({
  service: 'interactions',
  name: 'ActivityCompleted',
  version: 1,
  schema: activityFacts.extend({ completedAt: isoDateTimeSchema }),
});

export const TaskCompleted = defineEvent({
  service: 'interactions',
  name: 'TaskCompleted',
  version: 1,
  schema: z.object({
    taskId: z.uuid(),
    accountId: z.uuid().nullable(),
    opportunityId: z.uuid().nullable(),
    assigneeId: z.uuid().nullable(),
    dueAt: isoDateTimeSchema.nullable(),
    completedAt: isoDateTimeSchema,
  }),
});

export const ReminderDue = defineEvent({
  service: 'interactions',
  name: 'ReminderDue',
  version: 1,
  schema: z.object({
    reminderId: z.uuid(),
    taskId: z.uuid(),
    taskTitle: z.string(),
    assigneeId: z.uuid().nullable(),
    accountId: z.uuid().nullable(),
    dueAt: isoDateTimeSchema.nullable(),
    remindAt: isoDateTimeSchema,
  }),
});

export const interactionsEvents = [
  ActivityLogged,
  ActivityRescheduled,
  ActivityCompleted,
  TaskCompleted,
  ReminderDue,
];
