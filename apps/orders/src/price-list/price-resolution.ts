import type { SalesModel } from '../common/enums';

/** A list as price resolution sees it, with the entries of the products being priced. */
export interface CandidatePriceList {
  id: string;
  salesModel: SalesModel;
  tier: string | null;
  isDefault: boolean;
  currency: string;
  taxInclusive: boolean;
  entries: readonly { productId: string; minQuantity: number; unitPriceMinor: bigint }[];
}

export interface BuyerProfile {
  salesModel: SalesModel;
  tier: string | null;
}

export interface ResolvedPrice {
  priceListId: string;
  currency: string;
  taxInclusive: boolean;
  minQuantity: number;
  unitPriceMinor: bigint;
}

/**
 * The price a buyer pays for `quantity` units: from the list of the buyer's sales model and tier
 * when it prices the product, otherwise from the model's default list; within the list, the volume
 * tier with the largest `minQuantity` not above the quantity. Null when no list prices it.
 */
export function resolvePrice(
  lists: readonly CandidatePriceList[],
  buyer: BuyerProfile,
  productId: string,
  quantity: number,
): ResolvedPrice | null {
  const ofModel = lists.filter((list) => list.salesModel === buyer.salesModel);
  const tierList = buyer.tier === null ? undefined : ofModel.find((list) => list.tier === buyer.tier);
  const defaultList = ofModel.find((list) => list.isDefault);
  for (const list of [tierList, defaultList]) {
    if (!list) continue;
    const tier = list.entries
      .filter((entry) => entry.productId === productId && entry.minQuantity <= quantity)
      .reduce<
        CandidatePriceList['entries'][number] | null
      >((best, entry) => (best === null || entry.minQuantity > best.minQuantity ? entry : best), null);
    if (tier) {
      return {
        priceListId: list.id,
        currency: list.currency,
        taxInclusive: list.taxInclusive,
        minQuantity: tier.minQuantity,
        unitPriceMinor: tier.unitPriceMinor,
      };
    }
  }
  return null;
}
