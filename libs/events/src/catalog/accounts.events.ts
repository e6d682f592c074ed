import { z } from 'zod';
import { defineEvent } from '../define-event';

const accountKind = z.enum(['COMPANY', 'PERSON']);
const salesModel = z.enum(['B2B', 'B2C']);
const lifecycleStage = z.enum(['PROSPECT', 'CUSTOMER', 'CHURNED']);

const address = z.object({
  label: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
});

/** The account as consumers need it to act without calling back (segments, dimensions, labels). */
export const accountSnapshotSchema = z.object({
  accountId: z.uuid(),
  kind: accountKind,
  salesModel,
  displayName: z.string(),
  legalName: z.string().nullable(),
  industry: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  addresses: z.array(address),
  tier: z.string().nullable(),
  tags: z.array(z.string()),
  lifecycleStage,
  ownerId: z.uuid().nullable(),
  parentId: z.uuid().nullable(),
  archived: z.boolean(),
});

export const AccountCreated = defineEvent({
  service: 'accounts',
  name: 'AccountCreated',
  version: 1,
  schema: accountSnapshotSchema,
});

export const AccountUpdated = defineEvent({
  service: 'accounts',
  name: 'AccountUpdated',
  version: 1,
  schema: accountSnapshotSchema.extend({ changedFields: z.array(z.string()) }),
});

export const AccountArchived = defineEvent({
  service: 'accounts',
  name: 'AccountArchived',
  version: 1,
  schema: z.object({ accountId: z.uuid(), salesModel }),
});

export const contactSnapshotSchema = z.object({
  contactId: z.uuid(),
  accountId: z.uuid().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string().nullable(),
  buyingRole: z.string().nullable(),
  isPrimary: z.boolean(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
});

export const ContactCreated = defineEvent({
  service: 'accounts',
  name: 'ContactCreated',
  version: 1,
  schema: contactSnapshotSchema,
});

export const ContactUpdated = defineEvent({
  service: 'accounts',
  name: 'ContactUpdated',
  version: 1,
  schema: contactSnapshotSchema.extend({ changedFields: z.array(z.string()) }),
});

/** Duplicates folded into the survivor: every service re-points what referenced a merged id. */
export const AccountMerged = defineEvent({
  service: 'accounts',
  name: 'AccountMerged',
  version: 1,
  schema: z.object({
    survivorId: z.uuid(),
    mergedIds: z.array(z.uuid()).min(1),
    movedContactIds: z.array(z.uuid()),
    survivor: accountSnapshotSchema,
  }),
});

/**
 * Right to erasure: every service anonymises or deletes the personal data it holds about the
 * account and its contacts, then publishes its AccountErasureCompleted. Carries ids only.
 */
export const AccountErased = defineEvent({
  service: 'accounts',
  name: 'AccountErased',
  version: 1,
  schema: z.object({
    accountId: z.uuid(),
    contactIds: z.array(z.uuid()),
    salesModel,
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});

export const accountsEvents = [
  AccountCreated,
  AccountUpdated,
  AccountArchived,
  ContactCreated,
  ContactUpdated,
  AccountMerged,
  AccountErased,
];
