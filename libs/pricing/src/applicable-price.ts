/** One quantity break of a product in a price list: from `minQuantity` units on, this unit price. */
export interface QuantityBreak {
  minQuantity: number;
  unitPriceMinor: bigint;
}

/** A price list as price selection sees it: who it is for, and one product's quantity breaks. */
export interface PriceListOption<TBreak extends QuantityBreak = QuantityBreak> {
  tier: string | null;
  isDefault: boolean;
  entries: readonly TBreak[];
}

/**
 * The list and quantity break that price `quantity` units of one product for a buyer of `tier`:
 * the lists of the buyer's tier first, then the default list; within a list, the largest break not
 * above the quantity; the first list with such a break wins. Null when no list prices it. Orders
 * (which owns price lists) and pipeline (which defaults quote lines from its projection of them)
 * both price with this, so a quote's line costs what the order made from it will.
 */
export function applicablePrice<TList extends PriceListOption>(
  lists: readonly TList[],
  tier: string | null,
  quantity: number,
): { list: TList; entry: TList['entries'][number] } | null {
  const ordered = [
    ...lists.filter((list) => tier !== null && list.tier === tier),
    ...lists.filter((list) => list.isDefault),
  ];
  for (const list of ordered) {
    const entry = list.entries
      .filter((candidate) => candidate.minQuantity <= quantity)
      .reduce<
        TList['entries'][number] | null
      >((best, candidate) => (best === null || candidate.minQuantity > best.minQuantity ? candidate : best), null);
    if (entry) return { list, entry };
  }
  return null;
}
