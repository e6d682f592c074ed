import path from 'node:path';
import { describeAccessRules } from '@crm/testing';
import { accountsAccessRules } from './access-rules';

const everyone = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'] as const;
const salesWriters = ['ADMIN', 'MANAGER', 'SALES_REP'] as const;

describeAccessRules({
  service: 'accounts',
  schemaPath: path.join(__dirname, 'schema.graphql'),
  rules: accountsAccessRules,
  callers: {
    'Query.me': everyone,
    'Query.users': everyone,
    'Query.account': everyone,
    'Query.accounts': everyone,
    'Query.contact': everyone,
    'Mutation.createAccount': salesWriters,
    'Mutation.updateAccount': salesWriters,
    'Mutation.archiveAccount': salesWriters,
    'Mutation.createContact': salesWriters,
    'Mutation.updateContact': salesWriters,
    'Mutation.inviteUser': ['ADMIN'],
    'Mutation.invitationLink': ['ADMIN'],
    'Mutation.acceptInvitation': ['anonymous', ...everyone],
    'Mutation.signUp': ['anonymous', ...everyone],
    'Mutation.login': ['anonymous', ...everyone],
    'Query.duplicateAccounts': everyone,
    'Query.erasureStatus': ['ADMIN', 'MANAGER'],
    'Query.exportAccount': ['ADMIN', 'MANAGER'],
    'Query.customerDataExport': ['ADMIN', 'MANAGER'],
    'Mutation.mergeAccounts': salesWriters,
    'Mutation.eraseAccount': ['ADMIN'],
  },
});
