import type { EntityManager } from 'typeorm';
import type { AccountProfileEntity } from '../account-profile/account-profile.entity';
import { PriceEntryEntity } from './price-entry.entity';
import { PriceListEntity } from './price-list.entity';
import type { CandidatePriceList } from './price-resolution';

/**
 * The lists that may price something for this buyer (its model's tier list and default list), each
 * with its entries for `productIds` only: two statements whatever the number of products.
 */
export async function loadCandidateLists(
  manager: EntityManager,
  tenantId: string,
  buyer: Pick<AccountProfileEntity, 'salesModel' | 'tier'>,
  productIds: readonly string[],
): Promise<CandidatePriceList[]> {
  const lists = await manager
    .createQueryBuilder(PriceListEntity, 'list')
    .where('list.tenantId = :tenantId AND list.salesModel = :salesModel', {
      tenantId,
      salesModel: buyer.salesModel,
    })
    .andWhere('(list.isDefault OR list.tier = :tier)', { tier: buyer.tier })
    .getMany();
  if (lists.length === 0 || productIds.length === 0) return [];
  const entries = await manager
    .createQueryBuilder(PriceEntryEntity, 'entry')
    .where(
      'entry.tenantId = :tenantId AND entry.priceListId = ANY(:listIds) AND entry.productId = ANY(:productIds)',
      {
        tenantId,
        listIds: lists.map((list) => list.id),
        productIds,
      },
    )
    .getMany();
  return lists.map((list) => ({
    id: list.id,
    salesModel: list.salesModel,
    tier: list.tier,
    isDefault: list.isDefault,
    currency: list.currency,
    taxInclusive: list.taxInclusive,
    entries: entries
      .filter((entry) => entry.priceListId === list.id)
      .map((entry) => ({
        productId: entry.productId,
        minQuantity: entry.minQuantity,
        unitPriceMinor: BigInt(entry.unitPriceMinor),
      })),
  }));
}

export function entriesOfList(manager: EntityManager, tenantId: string, priceListId: string) {
  return manager
    .createQueryBuilder(PriceEntryEntity, 'entry')
    .where('entry.tenantId = :tenantId AND entry.priceListId = :priceListId', { tenantId, priceListId })
    .orderBy('entry.productId')
    .addOrderBy('entry.minQuantity')
    .getMany();
}
