import { CreateTenantsAndUsers1764172800000 } from './1764172800000-create-tenants-and-users';
import { CreateAccounts1764172800001 } from './1764172800001-create-accounts';
import { CreateContacts1764172800002 } from './1764172800002-create-contacts';
import { CreateOutboxAndInbox1764172800003 } from './1764172800003-create-outbox-and-inbox';
import { CreateMergesAndErasures1764172800100 } from './1764172800100-create-merges-and-erasures';
import { IndexDuplicateEvidence1764172800101 } from './1764172800101-index-duplicate-evidence';
import { CreateImportJobs1764172800200 } from './1764172800200-create-import-jobs';
import { ImportJobRetention1764172800201 } from './1764172800201-import-job-retention';

/** In order. Listed, not globbed, so the built service and the dev runner apply the same set. */
export const accountsMigrations = [
  CreateTenantsAndUsers1764172800000,
  CreateAccounts1764172800001,
  CreateContacts1764172800002,
  CreateOutboxAndInbox1764172800003,
  CreateMergesAndErasures1764172800100,
  IndexDuplicateEvidence1764172800101,
  CreateImportJobs1764172800200,
  ImportJobRetention1764172800201,
];
