import type { EntityManager } from 'typeorm';
import {
  AccountArchived,
  AccountCreated,
  AccountUpdated,
  ContactCreated,
  ContactUpdated,
  type EventData,
  type EventEnvelope,
} from '@crm/events';
import { on, type EventHandlers } from '@crm/messaging';
import { cancelPendingReminders } from '../task/task.service';

/**
 * Keeps the local copy of accounts' contact data. Each row remembers the account/contact version it
 * reflects (the event's sequence): an older event arriving after a newer one changes nothing.
 */
async function upsertAccountProfile(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof AccountCreated>>,
): Promise<void> {
  const data = event.data;
  await manager.query(
    `INSERT INTO "account_profiles" ("tenant_id", "account_id", "display_name", "emails", "phones", "archived", "source_version")
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET
       "display_name" = EXCLUDED."display_name", "emails" = EXCLUDED."emails", "phones" = EXCLUDED."phones",
       "archived" = EXCLUDED."archived", "source_version" = EXCLUDED."source_version", "updated_at" = now()
     WHERE "account_profiles"."source_version" < EXCLUDED."source_version"`,
    [
      event.tenantid,
      data.accountId,
      data.displayName,
      data.emails,
      data.phones,
      data.archived,
      Number(event.sequence),
    ],
  );
  if (data.archived) await cancelPendingReminders(manager, event.tenantid, 'account', [data.accountId]);
}

async function archiveAccountProfile(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof AccountArchived>>,
): Promise<void> {
  const { accountId } = event.data;
  // An archive seen before the account's creation event still marks it (the creation then finds it newer).
  await manager.query(
    `INSERT INTO "account_profiles" ("tenant_id", "account_id", "display_name", "emails", "phones", "archived", "source_version")
     VALUES ($1, $2, '', '{}', '{}', true, $3)
     ON CONFLICT ("tenant_id", "account_id") DO UPDATE SET "archived" = true,
       "source_version" = greatest("account_profiles"."source_version", EXCLUDED."source_version"), "updated_at" = now()`,
    [event.tenantid, accountId, Number(event.sequence)],
  );
  await cancelPendingReminders(manager, event.tenantid, 'account', [accountId]);
}

async function upsertContactProfile(
  manager: EntityManager,
  event: EventEnvelope<EventData<typeof ContactCreated>>,
): Promise<void> {
  const data = event.data;
  await manager.query(
    `INSERT INTO "contact_profiles"
       ("tenant_id", "contact_id", "account_id", "first_name", "last_name", "is_primary", "emails", "phones", "source_version")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ("tenant_id", "contact_id") DO UPDATE SET
       "account_id" = EXCLUDED."account_id", "first_name" = EXCLUDED."first_name", "last_name" = EXCLUDED."last_name",
       "is_primary" = EXCLUDED."is_primary", "emails" = EXCLUDED."emails", "phones" = EXCLUDED."phones",
       "source_version" = EXCLUDED."source_version", "updated_at" = now()
     WHERE "contact_profiles"."source_version" < EXCLUDED."source_version"`,
    [
      event.tenantid,
      data.contactId,
      data.accountId,
      data.firstName,
      data.lastName,
      data.isPrimary,
      data.emails,
      data.phones,
      Number(event.sequence),
    ],
  );
}

export const accountProjectionHandlers: EventHandlers = {
  ...on(AccountCreated, upsertAccountProfile),
  ...on(AccountUpdated, upsertAccountProfile),
  ...on(AccountArchived, archiveAccountProfile),
  ...on(ContactCreated, upsertContactProfile),
  ...on(ContactUpdated, upsertContactProfile),
};
