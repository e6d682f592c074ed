import type { AccessRules, Role } from '@crm/subgraph';

const EVERY_ROLE: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
/** Who logs touchpoints and works tasks; MARKETER and ANALYST only read them. */
const SALES_WRITERS: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP'];
const ADMIN_ONLY: readonly Role[] = ['ADMIN'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const interactionsAccessRules = {
  Query: {
    activity: EVERY_ROLE,
    calendar: EVERY_ROLE,
    /** Everyone's own tasks and notifications: whoever is signed in. */
    myTasks: 'AUTHENTICATED',
    notifications: 'AUTHENTICATED',
    customerNotificationSettings: ['ADMIN', 'MANAGER'],
  },
  Mutation: {
    logActivity: SALES_WRITERS,
    rescheduleActivity: SALES_WRITERS,
    completeActivity: SALES_WRITERS,
    createTask: SALES_WRITERS,
    completeTask: SALES_WRITERS,
    markNotificationsRead: 'AUTHENTICATED',
    setCustomerNotificationSettings: ADMIN_ONLY,
  },
} satisfies AccessRules;
