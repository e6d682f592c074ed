import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { isAllowed, ROLES, type AccessRule, type Caller, type Role } from '@crm/subgraph';
import { accountsAccessRules } from './access-rules';

const FEDERATION_DEFINITIONS = `
  directive @link(url: String, import: [String]) repeatable on SCHEMA
  directive @key(fields: String!) repeatable on OBJECT
  directive @shareable on OBJECT | FIELD_DEFINITION
`;

function rootFields(operation: 'Query' | 'Mutation'): string[] {
  const sdl = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');
  const schema = buildASTSchema(parse(FEDERATION_DEFINITIONS + sdl), { assumeValidSDL: true });
  const type = operation === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.keys(type?.getFields() ?? {}).sort();
}

function caller(role: Role): Caller {
  return { tenantId: 't', userId: 'u', roles: [role] };
}

function whoMay(rule: AccessRule): string[] {
  return [
    ...(isAllowed(rule, null) ? ['anonymous'] : []),
    ...ROLES.filter((role) => isAllowed(rule, caller(role))),
  ];
}

describe('accounts access rules', () => {
  it.each(['Query', 'Mutation'] as const)(
    'give every %s field of the schema exactly one rule',
    (operation) => {
      expect(Object.keys(accountsAccessRules[operation]).sort()).toEqual(rootFields(operation));
    },
  );

  const everyone = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
  const salesWriters = ['ADMIN', 'MANAGER', 'SALES_REP'];
  it.each<[string, AccessRule, string[]]>([
    ['Query.me', accountsAccessRules.Query.me, everyone],
    ['Query.users', accountsAccessRules.Query.users, everyone],
    ['Query.account', accountsAccessRules.Query.account, everyone],
    ['Query.accounts', accountsAccessRules.Query.accounts, everyone],
    ['Query.contact', accountsAccessRules.Query.contact, everyone],
    ['Mutation.createAccount', accountsAccessRules.Mutation.createAccount, salesWriters],
    ['Mutation.updateAccount', accountsAccessRules.Mutation.updateAccount, salesWriters],
    ['Mutation.archiveAccount', accountsAccessRules.Mutation.archiveAccount, salesWriters],
    ['Mutation.createContact', accountsAccessRules.Mutation.createContact, salesWriters],
    ['Mutation.updateContact', accountsAccessRules.Mutation.updateContact, salesWriters],
    ['Mutation.inviteUser', accountsAccessRules.Mutation.inviteUser, ['ADMIN']],
    ['Mutation.invitationLink', accountsAccessRules.Mutation.invitationLink, ['ADMIN']],
    ['Mutation.acceptInvitation', accountsAccessRules.Mutation.acceptInvitation, ['anonymous', ...everyone]],
    ['Mutation.signUp', accountsAccessRules.Mutation.signUp, ['anonymous', ...everyone]],
    ['Mutation.login', accountsAccessRules.Mutation.login, ['anonymous', ...everyone]],
    ['Query.duplicateAccounts', accountsAccessRules.Query.duplicateAccounts, everyone],
    ['Query.erasureStatus', accountsAccessRules.Query.erasureStatus, ['ADMIN', 'MANAGER']],
    ['Query.exportAccount', accountsAccessRules.Query.exportAccount, ['ADMIN', 'MANAGER']],
    ['Query.customerDataExport', accountsAccessRules.Query.customerDataExport, ['ADMIN', 'MANAGER']],
    ['Mutation.mergeAccounts', accountsAccessRules.Mutation.mergeAccounts, salesWriters],
    ['Mutation.eraseAccount', accountsAccessRules.Mutation.eraseAccount, ['ADMIN']],
  ])('%s may be called by %j', (_operation, rule, expected) => {
    expect(whoMay(rule)).toEqual(expected);
  });
});
