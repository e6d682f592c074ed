import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  assertExpectedVersion,
  type Caller,
  FieldErrors,
  inRequestedOrder,
  isUuid,
  queryableIds,
  type ListingPosition,
} from '@crm/subgraph';
import type { CreateContactInput, UpdateContactInput } from '../generated/graphql';
import { ArchivedAccountError } from '../account/account.errors';
import { selectAccountForUpdate } from '../account/account.query';
import { publishContactCreated, publishContactUpdated } from '../events/publishers';
import { requireTenant } from '../tenant/tenant.service';
import { ContactEntity } from './contact.entity';
import { ContactNotFoundError } from './contact.errors';
import type { ContactPage } from './contact.page';
import { selectContactPages } from './contact.query';
import {
  changedContactFields,
  contactFieldsOf,
  validateContactChanges,
  validateNewContact,
} from './contact.validation';

/**
 * Contacts change under their account's row lock (taken first, always), so two requests cannot both
 * make a contact primary, and lock order is the same everywhere.
 */
export class ContactService {
  constructor(private readonly database: TenantScopedDatabase) {}

  createContact(caller: Caller, input: CreateContactInput): Promise<ContactEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const tenant = await requireTenant(manager, caller.tenantId);
      const errors = new FieldErrors('input');
      const fields = validateNewContact(errors, input, tenant.phoneRegion);
      const account = await selectAccountForUpdate(manager, caller.tenantId, fields.accountId);
      if (!account && isUuid(input.accountId)) errors.add('accountId', 'is not one of your accounts');
      if (account?.archivedAt) errors.add('accountId', 'is archived');
      errors.throwIfAny();

      if (fields.isPrimary) await demotePrimaryContact(manager, caller, fields.accountId);
      const contact = manager.create(ContactEntity, { ...fields, tenantId: caller.tenantId, id: uuidv7() });
      await manager.insert(ContactEntity, contact); // fills in version and timestamps
      await publishContactCreated(manager, contact, caller.userId);
      return contact;
    });
  }

  /** Unchanged values write nothing and publish nothing. */
  updateContact(caller: Caller, input: UpdateContactInput): Promise<ContactEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const accountId = await accountIdOf(manager, caller.tenantId, input.id);
      if (!accountId) throw new ContactNotFoundError(input.id);
      // The lock; the contact is read under it.
      const account = await selectAccountForUpdate(manager, caller.tenantId, accountId);
      const contact = await manager.findOneByOrFail(ContactEntity, {
        tenantId: caller.tenantId,
        id: input.id,
      });
      assertExpectedVersion(`contact ${contact.id}`, contact.version, input.expectedVersion);
      // An archived account's contacts are kept with it for history, unchanged like the account.
      if (account?.archivedAt) throw new ArchivedAccountError(accountId);

      const tenant = await requireTenant(manager, caller.tenantId);
      const errors = new FieldErrors('input');
      const current = contactFieldsOf(contact);
      const next = validateContactChanges(errors, current, input, tenant.phoneRegion);
      errors.throwIfAny();

      const changedFields = changedContactFields(current, next);
      if (changedFields.length === 0) return contact;
      if (next.isPrimary && !current.isPrimary) await demotePrimaryContact(manager, caller, accountId);
      Object.assign(contact, next);
      await manager.save(contact); // bumps version and updatedAt
      await publishContactUpdated(manager, contact, changedFields, caller.userId);
      return contact;
    });
  }

  /** By id, in the order asked; unknown ids are null. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<(ContactEntity | null)[]> {
    const wanted = queryableIds(ids);
    const contacts =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) =>
            manager
              .createQueryBuilder(ContactEntity, 'contact')
              .where('contact.tenantId = :tenantId AND contact.id = ANY(:ids)', { tenantId, ids: wanted })
              .getMany(),
          );
    return inRequestedOrder(ids, contacts);
  }

  /** The same page of contacts (oldest first) for each account, in the order of `accountIds`, in one statement. */
  pagesByAccount(
    tenantId: string,
    accountIds: readonly string[],
    pageSize: number,
    after: ListingPosition | null,
  ): Promise<ContactPage[]> {
    return this.database.inTenant(tenantId, (manager) =>
      selectContactPages(manager, tenantId, accountIds, pageSize, after),
    );
  }
}

async function accountIdOf(
  manager: EntityManager,
  tenantId: string,
  contactId: string,
): Promise<string | null> {
  if (!isUuid(contactId)) return null;
  const contact = await manager.findOne(ContactEntity, {
    select: { accountId: true },
    where: { tenantId, id: contactId },
  });
  return contact?.accountId ?? null;
}

/** The account's current primary contact stops being primary: one primary per account. */
async function demotePrimaryContact(
  manager: EntityManager,
  caller: Caller,
  accountId: string,
): Promise<void> {
  const primary = await manager.findOneBy(ContactEntity, {
    tenantId: caller.tenantId,
    accountId,
    isPrimary: true,
  });
  if (!primary) return;
  primary.isPrimary = false;
  await manager.save(primary);
  await publishContactUpdated(manager, primary, ['isPrimary'], caller.userId);
}
