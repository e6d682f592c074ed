import type { EntityManager } from 'typeorm';
import type { TenantScopedDatabase } from '@crm/database';
import { isUuid, type Caller } from '@crm/subgraph';
import { AccountEntity } from '../account/account.entity';
import { AccountNotFoundError } from '../account/account.errors';
import { selectAccountForUpdate } from '../account/account.query';
import { publishAccountErased } from '../events/data-management.publishers';
import { idsMergedInto, survivorsOf } from '../merge/merge.store';
import { anonymisedAccountFields, ERASED_CONTACT_NAME } from './erasure.anonymise';
import { MergedAccountErasureError } from './erasure.errors';
import {
  erasureAcknowledgements,
  findErasureRequest,
  insertErasureRequest,
  recordErasureAcknowledgement,
  type ErasureAcknowledgement,
} from './erasure.store';

/**
 * Right to erasure (GDPR Art 17). Accounts anonymises what it holds, keeps an erasure request as
 * the tombstone, publishes AccountErased (ids only) for every other service, and collects their
 * acknowledgements. See README-privacy.md for what happens to the events already on Kafka.
 */
export class ErasureService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** Idempotent: erasing an erased account changes and publishes nothing. */
  eraseAccount(caller: Caller, id: string): Promise<boolean> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const survivorId = (await survivorsOf(manager, caller.tenantId, [id])).get(id);
      if (survivorId) throw new MergedAccountErasureError(id, survivorId);
      const account = await selectAccountForUpdate(manager, caller.tenantId, id);
      if (!account) throw new AccountNotFoundError(id);
      if (await findErasureRequest(manager, caller.tenantId, account.id)) return true;

      // What was merged into the account is the same customer, still on file in its archived rows.
      const mergedIds = await idsMergedInto(manager, caller.tenantId, account.id);
      const merged = await lockAccounts(manager, caller.tenantId, mergedIds);
      const requestedAt = new Date();
      for (const erased of [account, ...merged]) {
        await eraseOne(manager, caller, erased, requestedAt);
      }
      return true;
    });
  }

  /** NOT_FOUND for an account the caller's tenant does not have; empty when it was never erased. */
  erasureStatus(caller: Caller, accountId: string): Promise<ErasureAcknowledgement[]> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      if (!isUuid(accountId)) throw new AccountNotFoundError(accountId);
      const request = await findErasureRequest(manager, caller.tenantId, accountId);
      if (request) return erasureAcknowledgements(manager, caller.tenantId, request.accountId);
      const exists = await manager.exists(AccountEntity, {
        where: { tenantId: caller.tenantId, id: accountId },
      });
      if (!exists) throw new AccountNotFoundError(accountId);
      return [];
    });
  }
}

async function eraseOne(
  manager: EntityManager,
  caller: Caller,
  account: AccountEntity,
  requestedAt: Date,
): Promise<void> {
  // An update even if nothing personal was left: the erasure is a new version of the account.
  await manager.update(
    AccountEntity,
    { tenantId: caller.tenantId, id: account.id },
    { ...anonymisedAccountFields(), archivedAt: account.archivedAt ?? requestedAt }, // bumps version
  );
  const erased = await manager.findOneByOrFail(AccountEntity, { tenantId: caller.tenantId, id: account.id });
  const contactIds = await anonymiseContacts(manager, caller.tenantId, account.id);
  await deletePublishedEventsAbout(manager, [account.id, ...contactIds]);
  await insertErasureRequest(
    manager,
    caller.tenantId,
    { accountId: account.id, contactIds, requestedAt },
    caller.userId,
  );
  await publishAccountErased(manager, erased, contactIds, requestedAt, caller.userId);
  await recordErasureAcknowledgement(manager, caller.tenantId, {
    accountId: account.id,
    service: 'accounts',
    completedAt: requestedAt,
  });
}

async function anonymiseContacts(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
): Promise<string[]> {
  const [rows] = (await manager.query(
    `UPDATE "contacts"
     SET "first_name" = $3, "last_name" = '', "job_title" = NULL, "emails" = '{}', "phones" = '{}',
         "version" = "version" + 1, "updated_at" = now()
     WHERE "tenant_id" = $1 AND "account_id" = $2
     RETURNING "id"`,
    [tenantId, accountId, ERASED_CONTACT_NAME],
  )) as [{ id: string }[], number];
  return rows.map((row) => row.id).sort();
}

/**
 * Published outbox rows are kept a few days for diagnosis; those about the erased account and its
 * contacts carry the personal data, so they go now. Unpublished ones stay: they reach Kafka before
 * AccountErased (same key, same partition), and every consumer then erases what they said.
 */
async function deletePublishedEventsAbout(manager: EntityManager, aggregateIds: string[]): Promise<void> {
  await manager.query(
    `DELETE FROM "outbox" WHERE "message_key" = ANY($1::text[]) AND "published_at" IS NOT NULL`,
    [aggregateIds],
  );
}

async function lockAccounts(
  manager: EntityManager,
  tenantId: string,
  ids: string[],
): Promise<AccountEntity[]> {
  if (ids.length === 0) return [];
  return manager
    .createQueryBuilder(AccountEntity, 'account')
    .where('account.tenantId = :tenantId AND account.id = ANY(:ids)', { tenantId, ids })
    .orderBy('account.id')
    .setLock('pessimistic_write')
    .getMany();
}
