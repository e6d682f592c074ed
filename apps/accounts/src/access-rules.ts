import type { AccessRules, Role } from '@crm/subgraph';

const EVERY_ROLE: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
/** Who may change accounts and contacts; MARKETER and ANALYST only read them. */
const SALES_WRITERS: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP'];
const ADMIN_ONLY: readonly Role[] = ['ADMIN'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const accountsAccessRules = {
  Query: {
    me: 'AUTHENTICATED',
    users: EVERY_ROLE,
    account: EVERY_ROLE,
    accounts: EVERY_ROLE,
    contact: EVERY_ROLE,
  },
  Mutation: {
    signUp: 'PUBLIC',
    login: 'PUBLIC',
    inviteUser: ADMIN_ONLY,
    invitationLink: ADMIN_ONLY,
    /** The invitation token is the credential: the invited user has no access token yet. */
    acceptInvitation: 'PUBLIC',
    createAccount: SALES_WRITERS,
    updateAccount: SALES_WRITERS,
    archiveAccount: SALES_WRITERS,
    createContact: SALES_WRITERS,
    updateContact: SALES_WRITERS,
  },
} satisfies AccessRules;
