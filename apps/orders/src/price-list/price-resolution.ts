import { applicablePrice } from '@crm/pricing';
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
 * The price a buyer pays for `quantity` units: from a list of the buyer's sales model, by the
 * platform's one rule (`applicablePrice`: the tier's list, else the default list; the largest
 * quantity break not above the quantity). Null when no list prices it.
 */
export function resolvePrice(
  lists: readonly CandidatePriceList[],
  buyer: BuyerProfile,
  productId: string,
  quantity: number,
): ResolvedPrice | null {
  const ofModel = lists
    .filter((list) => list.salesModel === buyer.salesModel)
    .map((list) => ({ ...list, entries: list.entries.filter((entry) => entry.productId === productId) }));
  const price = applicablePrice(ofModel, buyer.tier, quantity);
  if (!price) return null;
  return {
    priceListId: price.list.id,
    currency: price.list.currency,
    taxInclusive: price.list.taxInclusive,
    minQuantity: price.entry.minQuantity,
    unitPriceMinor: price.entry.unitPriceMinor,
  };
}
