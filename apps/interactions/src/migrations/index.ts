import { CreateOutboxAndInbox1764259200000 } from './1764259200000-create-outbox-and-inbox';
import { CreateActivitiesAndTimeline1764259200001 } from './1764259200001-create-activities-and-timeline';
import { CreateTasksRemindersNotifications1764259200002 } from './1764259200002-create-tasks-reminders-notifications';
import { CreateCustomerProjections1764259200003 } from './1764259200003-create-customer-projections';
import { CreateCustomerMessaging1764259200004 } from './1764259200004-create-customer-messaging';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const interactionsMigrations = [
  CreateOutboxAndInbox1764259200000,
  CreateActivitiesAndTimeline1764259200001,
  CreateTasksRemindersNotifications1764259200002,
  CreateCustomerProjections1764259200003,
  CreateCustomerMessaging1764259200004,
];
