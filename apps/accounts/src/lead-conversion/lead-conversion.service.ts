import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@crm/events';
import { AccountEntity } from '../account/account.entity';
import { selectAccountForUpdate } from '../account/account.query';
import { accountSearchText } from '../account/account.search';
import { ContactEntity } from '../contact/contact.entity';
import { isErasedAccount } from '../erasure/erasure.store';
import { publishAccountCreated, publishContactCreated } from '../events/publishers';
import { currentAccountId } from '../merge/merge.store';
import { requireTenant } from '../tenant/tenant.service';
import {
  convertedAccountFields,
  convertedContactFields,
  type LeadConversion,
} from './lead-conversion.mapping';

/**
 * Applies pipeline's LeadConverted: the account and contact with exactly the ids pipeline chose.
 * Runs in the consumer's transaction (inbox row included). Creating is keyed by those ids, so even a
 * delivery the inbox no longer remembers (after its retention) creates nothing twice, and an erased
 * account (its anonymised row and erasure request are the tombstone) never gets its data back.
 */
export async function applyLeadConversion(
  manager: EntityManager,
  event: EventEnvelope<LeadConversion>,
): Promise<void> {
  const conversion = event.data;
  const tenantId = event.tenantid;
  const tenant = await requireTenant(manager, tenantId);
  // A lead converted into an account that has since been merged joins the survivor.
  const accountId = conversion.existingAccount
    ? await currentAccountId(manager, tenantId, conversion.accountId)
    : conversion.accountId;
  if (await isErasedAccount(manager, tenantId, accountId)) return;

  // Locked like every write to an account and its contacts (see selectAccountForUpdate).
  let account = await selectAccountForUpdate(manager, tenantId, accountId);
  if (!account) {
    if (conversion.existingAccount) {
      // Pipeline only offers accounts it learnt from accounts' events: this is a broken event.
      throw new Error(`LeadConverted ${event.id} names existing account ${accountId}, which does not exist`);
    }
    account = await createAccount(manager, event, {
      phoneRegion: tenant.phoneRegion,
      hasKnownOwner: await isUser(manager, tenantId, conversion.lead.ownerId),
    });
  }

  if (conversion.contactId && !(await contactExists(manager, tenantId, conversion.contactId))) {
    const contact = manager.create(ContactEntity, {
      ...convertedContactFields(conversion, {
        phoneRegion: tenant.phoneRegion,
        isPrimary: !(await hasPrimaryContact(manager, tenantId, account.id)),
      }),
      tenantId,
      id: conversion.contactId,
      accountId: account.id,
    });
    await manager.insert(ContactEntity, contact);
    await publishContactCreated(manager, contact, event.actorid);
  }
}

async function createAccount(
  manager: EntityManager,
  event: EventEnvelope<LeadConversion>,
  options: { phoneRegion: string; hasKnownOwner: boolean },
): Promise<AccountEntity> {
  const fields = convertedAccountFields(event.data, options);
  const account = manager.create(AccountEntity, {
    ...fields,
    tenantId: event.tenantid,
    id: event.data.accountId,
    archivedAt: null,
    searchText: accountSearchText(fields),
  });
  await manager.insert(AccountEntity, account);
  await publishAccountCreated(manager, account, event.actorid);
  return account;
}

async function isUser(manager: EntityManager, tenantId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const rows: unknown[] = await manager.query(`SELECT 1 FROM "users" WHERE "tenant_id" = $1 AND "id" = $2`, [
    tenantId,
    userId,
  ]);
  return rows.length > 0;
}

async function contactExists(manager: EntityManager, tenantId: string, contactId: string): Promise<boolean> {
  return manager.exists(ContactEntity, { where: { tenantId, id: contactId } });
}

async function hasPrimaryContact(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<boolean> {
  return manager.exists(ContactEntity, { where: { tenantId, accountId, isPrimary: true } });
}
