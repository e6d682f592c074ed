import { BASIS_POINTS_PER_WHOLE, mulDivHalfUp } from '../common/money';

/**
 * The one place quote and line amounts are computed, in integer minor units of the quote's currency
 * (rials for IRR, yen for JPY, cents for EUR: the arithmetic never looks at decimals).
 *
 * Rounding rule: per line, half up, in this order:
 *   gross    = quantity × unitPrice                          (exact)
 *   discount = round_half_up(gross × discount% / 100)
 *   net      = gross − discount
 *   tax      = round_half_up(net × taxRate% / 100)
 *   total    = net + tax
 * The document sums its lines (no second rounding): subtotal = Σ gross, discount = Σ discount,
 * tax = Σ tax, total = subtotal − discount + tax = Σ line totals. Each line on the printed quote
 * therefore adds up to the document total exactly.
 */
export interface LineAmountsInput {
  quantity: number;
  unitPriceMinor: bigint;
  /** Percent × 100. */
  discountBasisPoints: number;
  /** Percent × 100. */
  taxRateBasisPoints: number;
}

export interface LineAmounts {
  grossMinor: bigint;
  discountMinor: bigint;
  netMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

export interface DocumentAmounts {
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

export function lineAmounts(line: LineAmountsInput): LineAmounts {
  const grossMinor = BigInt(line.quantity) * line.unitPriceMinor;
  const discountMinor = mulDivHalfUp(grossMinor, BigInt(line.discountBasisPoints), BASIS_POINTS_PER_WHOLE);
  const netMinor = grossMinor - discountMinor;
  const taxMinor = mulDivHalfUp(netMinor, BigInt(line.taxRateBasisPoints), BASIS_POINTS_PER_WHOLE);
  return { grossMinor, discountMinor, netMinor, taxMinor, totalMinor: netMinor + taxMinor };
}

export function documentAmounts(lines: readonly LineAmounts[]): DocumentAmounts {
  const sum = (pick: (line: LineAmounts) => bigint) => lines.reduce((total, line) => total + pick(line), 0n);
  const subtotalMinor = sum((line) => line.grossMinor);
  const discountMinor = sum((line) => line.discountMinor);
  const taxMinor = sum((line) => line.taxMinor);
  return { subtotalMinor, discountMinor, taxMinor, totalMinor: subtotalMinor - discountMinor + taxMinor };
}

/** A net unit price from a tax-inclusive list price: gross × 100 / (100 + rate), rounded half up. */
export function netOfTax(grossMinor: bigint, taxRateBasisPoints: number): bigint {
  return mulDivHalfUp(
    grossMinor,
    BASIS_POINTS_PER_WHOLE,
    BASIS_POINTS_PER_WHOLE + BigInt(taxRateBasisPoints),
  );
}

/** Weighted amount = round_half_up(amount × probability / 100). */
export function weightedAmount(amountMinor: bigint, probability: number): bigint {
  return mulDivHalfUp(amountMinor, BigInt(probability), 100n);
}
