import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  InvalidInputError,
  hasNulCharacter,
  NUL_CHARACTER_MESSAGE,
  isUuid,
  type ListingPosition,
} from '@crm/subgraph';
import type { AccountFilter } from '../generated/graphql';
import { AccountEntity } from './account.entity';
import { searchWords, wordPattern } from './account.search';

/**
 * The tenant's accounts matching a filter. The tenant condition is explicit although row-level
 * security enforces it too: it is what lets PostgreSQL use the tenant-first indexes.
 */
export function filteredAccounts(
  manager: EntityManager,
  tenantId: string,
  filter: AccountFilter | null | undefined,
): SelectQueryBuilder<AccountEntity> {
  const query = manager
    .createQueryBuilder(AccountEntity, 'account')
    .where('account.tenantId = :tenantId', { tenantId });
  if (!filter?.includeArchived) query.andWhere('account.archivedAt IS NULL');
  if (filter?.kind) query.andWhere('account.kind = :kind', { kind: filter.kind });
  if (filter?.salesModel)
    query.andWhere('account.salesModel = :salesModel', { salesModel: filter.salesModel });
  if (filter?.lifecycleStage)
    query.andWhere('account.lifecycleStage = :lifecycleStage', { lifecycleStage: filter.lifecycleStage });
  if (filter?.tier) query.andWhere('account.tier = :tier', { tier: filterText(filter.tier, 'tier') });
  if (filter?.industry)
    query.andWhere('account.industry = :industry', { industry: filterText(filter.industry, 'industry') });
  if (filter?.tag)
    query.andWhere('account.tags @> ARRAY[:tag]::text[]', { tag: filterText(filter.tag, 'tag') });
  if (filter?.ownerId) {
    if (!isUuid(filter.ownerId))
      throw new InvalidInputError([{ field: 'filter.ownerId', message: 'is not an id this API returned' }]);
    query.andWhere('account.ownerId = :ownerId', { ownerId: filter.ownerId });
  }
  const words = filter?.search ? searchWords(filter.search, 'filter.search') : [];
  if (words.length > 0) {
    query.andWhere('account.id IN (SELECT "account_ids_matching"(:wordPatterns::text[]))', {
      wordPatterns: words.map(wordPattern),
    });
  }
  return query;
}

/** A filter's text as stored values are compared with it: trimmed, and never what no row can hold. */
function filterText(value: string, field: 'tier' | 'industry' | 'tag'): string {
  if (hasNulCharacter(value))
    throw new InvalidInputError([{ field: `filter.${field}`, message: NUL_CHARACTER_MESSAGE }]);
  return value.trim();
}

/** Newest first; after a cursor, the rows older than it. */
export function inListingOrder(
  query: SelectQueryBuilder<AccountEntity>,
  after: ListingPosition | null,
): SelectQueryBuilder<AccountEntity> {
  if (after) {
    query.andWhere('(account.createdAt, account.id) < (:afterCreatedAt, :afterId)', {
      afterCreatedAt: after.createdAt,
      afterId: after.id,
    });
  }
  return query.orderBy('account.createdAt', 'DESC').addOrderBy('account.id', 'DESC');
}

/**
 * Serialises changes of parent within a tenant until the transaction ends. Without it, two requests
 * that make A the parent of B and B the parent of A both pass the cycle check, then each waits for the
 * other's row lock (the parent foreign key) and one dies in a deadlock instead of being told about the
 * loop. Taken before any account row lock, so it never waits while holding one.
 */
export async function lockAccountHierarchy(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `accounts.hierarchy:${tenantId}`,
  ]);
}

/**
 * The account, locked until the transaction ends, or null. Writes to an account and to its contacts
 * all take this lock first, so they apply one after another and always lock in the same order.
 */
export function selectAccountForUpdate(
  manager: EntityManager,
  tenantId: string,
  id: string,
): Promise<AccountEntity | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return manager
    .createQueryBuilder(AccountEntity, 'account')
    .where('account.tenantId = :tenantId AND account.id = :id', { tenantId, id })
    .setLock('pessimistic_write')
    .getOne();
}
