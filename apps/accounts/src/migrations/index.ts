import { CreateTenantsAndUsers1764172800000 } from './1764172800000-create-tenants-and-users';
import { CreateAccounts1764172800001 } from './1764172800001-create-accounts';
import { CreateContacts1764172800002 } from './1764172800002-create-contacts';
import { CreateOutboxAndInbox1764172800003 } from './1764172800003-create-outbox-and-inbox';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const accountsMigrations = [
  CreateTenantsAndUsers1764172800000,
  CreateAccounts1764172800001,
  CreateContacts1764172800002,
  CreateOutboxAndInbox1764172800003,
];
