import path from 'node:path';
import { describeAccessRules } from '@crm/testing';
import { interactionsAccessRules } from './access-rules';

const everyone = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'] as const;
const salesWriters = ['ADMIN', 'MANAGER', 'SALES_REP'] as const;

describeAccessRules({
  service: 'interactions',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  rules: interactionsAccessRules,
  callers: {
    'Query.activity': everyone,
    'Query.calendar': everyone,
    'Query.myTasks': everyone,
    'Query.notifications': everyone,
    'Query.customerNotificationSettings': ['ADMIN', 'MANAGER'],
    'Mutation.logActivity': salesWriters,
    'Mutation.rescheduleActivity': salesWriters,
    'Mutation.completeActivity': salesWriters,
    'Mutation.createTask': salesWriters,
    'Mutation.completeTask': salesWriters,
    'Mutation.markNotificationsRead': everyone,
    'Mutation.setCustomerNotificationSettings': ['ADMIN'],
  },
});
