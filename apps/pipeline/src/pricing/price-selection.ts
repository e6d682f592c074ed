import { applicablePrice } from '@crm/pricing';
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
 * Candidates are the lists of the account's sales model in the quote's currency, chosen between by
 * the rule orders prices with (`applicablePrice`). Tax-inclusive list prices are converted to net
 * (quote.arithmetic.ts).
 */
export function resolveApplicablePrice(
  candidates: readonly PriceListCandidate[],
  context: { tier: string | null; quantity: number; taxRateBasisPoints: number },
): { priceListId: string; unitPriceMinor: bigint } | null {
  const price = applicablePrice(candidates, context.tier, context.quantity);
  if (!price) return null;
  const { list, entry } = price;
  const unitPriceMinor = list.taxInclusive
    ? netOfTax(entry.unitPriceMinor, context.taxRateBasisPoints)
    : entry.unitPriceMinor;
  return { priceListId: list.id, unitPriceMinor };
}
