import type { EntityManager } from 'typeorm';
import {
  AccountArchived,
  AccountCreated,
  AccountUpdated,
  ContactCreated,
  ContactUpdated,
  type EventData,
} from '@crm/events';
import { factsAbout, publishEvent } from '@crm/messaging';
import type { AccountEntity } from '../account/account.entity';
import type { ContactEntity } from '../contact/contact.entity';

/**
 * Which state changes become which events. Each runs inside the transaction of the change, so an
 * event is in the outbox if and only if its change committed; `sequence` is the version after it.
 */

export function accountSnapshot(account: AccountEntity): EventData<typeof AccountCreated> {
  return {
    accountId: account.id,
    kind: account.kind,
    salesModel: account.salesModel,
    displayName: account.displayName,
    legalName: account.legalName,
    industry: account.industry,
    firstName: account.firstName,
    lastName: account.lastName,
    emails: account.emails,
    phones: account.phones,
    addresses: account.addresses,
    tier: account.tier,
    tags: account.tags,
    lifecycleStage: account.lifecycleStage,
    ownerId: account.ownerId,
    parentId: account.parentId,
    archived: account.archivedAt !== null,
  };
}

export function contactSnapshot(contact: ContactEntity): EventData<typeof ContactCreated> {
  return {
    contactId: contact.id,
    accountId: contact.accountId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    jobTitle: contact.jobTitle,
    buyingRole: contact.buyingRole,
    isPrimary: contact.isPrimary,
    emails: contact.emails,
    phones: contact.phones,
  };
}

export async function publishAccountCreated(
  manager: EntityManager,
  account: AccountEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, AccountCreated, {
    ...factsAbout(account, actorId),
    data: accountSnapshot(account),
  });
}

export async function publishAccountUpdated(
  manager: EntityManager,
  account: AccountEntity,
  changedFields: string[],
  actorId: string,
): Promise<void> {
  await publishEvent(manager, AccountUpdated, {
    ...factsAbout(account, actorId),
    data: { ...accountSnapshot(account), changedFields },
  });
}

export async function publishAccountArchived(
  manager: EntityManager,
  account: AccountEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, AccountArchived, {
    ...factsAbout(account, actorId),
    data: { accountId: account.id, salesModel: account.salesModel },
  });
}

export async function publishContactCreated(
  manager: EntityManager,
  contact: ContactEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ContactCreated, {
    ...factsAbout(contact, actorId),
    data: contactSnapshot(contact),
  });
}

export async function publishContactUpdated(
  manager: EntityManager,
  contact: ContactEntity,
  changedFields: string[],
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ContactUpdated, {
    ...factsAbout(contact, actorId),
    data: { ...contactSnapshot(contact), changedFields },
  });
}
