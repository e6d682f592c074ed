import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { isAllowed, ROLES, type AccessRule, type Caller, type Role } from '@crm/subgraph';
import { interactionsAccessRules } from './access-rules';

const FEDERATION_DEFINITIONS = `
  directive @link(url: String, import: [String]) repeatable on SCHEMA
  directive @key(fields: String!, resolvable: Boolean) repeatable on OBJECT
  directive @shareable on OBJECT | FIELD_DEFINITION
`;

function rootFields(operation: 'Query' | 'Mutation'): string[] {
  const sdl = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');
  const schema = buildASTSchema(parse(FEDERATION_DEFINITIONS + sdl), { assumeValidSDL: true });
  const type = operation === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.keys(type?.getFields() ?? {}).sort();
}

function whoMay(rule: AccessRule): string[] {
  const caller = (role: Role): Caller => ({ tenantId: 't', userId: 'u', roles: [role] });
  return [
    ...(isAllowed(rule, null) ? ['anonymous'] : []),
    ...ROLES.filter((role) => isAllowed(rule, caller(role))),
  ];
}

describe('interactions access rules', () => {
  it.each(['Query', 'Mutation'] as const)(
    'give every %s field of the schema exactly one rule',
    (operation) => {
      expect(Object.keys(interactionsAccessRules[operation]).sort()).toEqual(rootFields(operation));
    },
  );

  const everyone = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
  const salesWriters = ['ADMIN', 'MANAGER', 'SALES_REP'];
  const { Query, Mutation } = interactionsAccessRules;
  it.each<[string, AccessRule, string[]]>([
    ['Query.activity', Query.activity, everyone],
    ['Query.calendar', Query.calendar, everyone],
    ['Query.myTasks', Query.myTasks, everyone],
    ['Query.notifications', Query.notifications, everyone],
    ['Query.customerNotificationSettings', Query.customerNotificationSettings, ['ADMIN', 'MANAGER']],
    ['Mutation.logActivity', Mutation.logActivity, salesWriters],
    ['Mutation.rescheduleActivity', Mutation.rescheduleActivity, salesWriters],
    ['Mutation.completeActivity', Mutation.completeActivity, salesWriters],
    ['Mutation.createTask', Mutation.createTask, salesWriters],
    ['Mutation.completeTask', Mutation.completeTask, salesWriters],
    ['Mutation.markNotificationsRead', Mutation.markNotificationsRead, everyone],
    ['Mutation.setCustomerNotificationSettings', Mutation.setCustomerNotificationSettings, ['ADMIN']],
  ])('%s may be called by %j', (_operation, rule, expected) => {
    expect(whoMay(rule)).toEqual(expected);
  });
});
