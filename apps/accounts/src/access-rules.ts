import type { AccessRule, AccessRules, Role } from '@crm/subgraph';

const EVERY_ROLE: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'];
/** Who may change accounts and contacts; MARKETER and ANALYST only read them. */
const SALES_WRITERS: readonly Role[] = ['ADMIN', 'MANAGER', 'SALES_REP'];
const ADMIN_ONLY: readonly Role[] = ['ADMIN'];
/** Everything about one customer (GDPR export, erasure progress): those who answer for the data. */
const DATA_PROTECTION: readonly Role[] = ['ADMIN', 'MANAGER'];

/** One rule per operation; the kit refuses to start if an operation has none. */
export const accountsAccessRules = {
  Query: {
    me: 'AUTHENTICATED',
    users: EVERY_ROLE,
    account: EVERY_ROLE,
    accounts: EVERY_ROLE,
    contact: EVERY_ROLE,
    duplicateAccounts: EVERY_ROLE,
    erasureStatus: DATA_PROTECTION,
    exportAccount: DATA_PROTECTION,
    customerDataExport: DATA_PROTECTION,
    importJob: SALES_WRITERS,
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
    mergeAccounts: SALES_WRITERS,
    /** Right to erasure: irreversible, so the tenant's administrators only. */
    eraseAccount: ADMIN_ONLY,
    importAccountsCsv: SALES_WRITERS,
  },
} satisfies AccessRules;

/** The HTTP routes beside /graphql (see server.ts). Exports are tenant-wide: not for SALES_REP or MARKETER. */
export const accountsHttpAccessRules = {
  importAccounts: SALES_WRITERS,
  exportCsv: ['ADMIN', 'MANAGER', 'ANALYST'],
} satisfies Record<string, AccessRule>;
