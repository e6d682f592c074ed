import { netOfTax } from '../quote/quote.arithmetic';

export interface PriceListCandidate {
  id: string;
  tier: string | null;
  isDefault: boolean;
  taxInclusive: boolean;
  /** This product's quantity breaks in the list. */
  entries: { minQuantity: number; unitPriceMinor: bigint }[];
}

/**
 * The unit price (net of tax) a quote line defaults to, or null when no list prices the product.
 * Candidates are the lists of the account's sales model in the quote's currency. The list for the
 * account's tier wins; otherwise the sales model's default list; then the largest quantity break
 * not above the quantity. Tax-inclusive list prices are converted to net (quote.arithmetic.ts).
 */
export function resolveApplicablePrice(
  candidates: readonly PriceListCandidate[],
  context: { tier: string | null; quantity: number; taxRateBasisPoints: number },
): { priceListId: string; unitPriceMinor: bigint } | null {
  const ordered = [
    ...candidates.filter((list) => context.tier !== null && list.tier === context.tier),
    ...candidates.filter((list) => list.tier === null && list.isDefault),
  ];
  for (const list of ordered) {
    const entry = list.entries
      .filter((candidate) => candidate.minQuantity <= context.quantity)
      .sort((a, b) => b.minQuantity - a.minQuantity)[0];
    if (!entry) continue;
    const unitPriceMinor = list.taxInclusive
      ? netOfTax(entry.unitPriceMinor, context.taxRateBasisPoints)
      : entry.unitPriceMinor;
    return { priceListId: list.id, unitPriceMinor };
  }
  return null;
}
