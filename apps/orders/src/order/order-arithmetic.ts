/**
 * Order arithmetic, in integer minor units only (bigint), so IRR totals in the billions and JPY
 * (no decimals) are exact. The rule, per line, in this order:
 *
 *   gross    = unit price × quantity
 *   discount = round(gross × discount% / 100)
 *   net      = gross − discount
 *   tax      = round(net × rate% / 100)                   on a tax-exclusive list
 *            = round(net × rate% / (100 + rate%))         on a tax-inclusive list (the tax inside net)
 *   total    = net + tax (exclusive) or net (inclusive)
 *
 * `round` is half-up (ties away from zero) to the currency's minor unit; every amount is ≥ 0, so
 * this is the rounding customers expect on a receipt. Each line is rounded on its own and the
 * order's subtotal, discount, tax and total are the sums of its lines' gross, discount, tax and
 * total: a document always adds up line by line. Percentages are held in hundredths of a percent
 * (basis points: 9% = 900), so no float ever touches an amount.
 */

export const BASIS_POINTS_PER_HUNDRED_PERCENT = 10_000n;

export interface LineTerms {
  unitPriceMinor: bigint;
  quantity: number;
  discountBasisPoints: number;
  taxRateBasisPoints: number;
  taxInclusive: boolean;
}

export interface LineAmounts {
  grossMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

export interface OrderAmounts {
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

/** numerator / denominator rounded half-up, for numerator ≥ 0 and denominator > 0. */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError('expects a non-negative share of a positive whole');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export function priceLine(terms: LineTerms): LineAmounts {
  const grossMinor = terms.unitPriceMinor * BigInt(terms.quantity);
  const discountMinor = divideRoundingHalfUp(
    grossMinor * BigInt(terms.discountBasisPoints),
    BASIS_POINTS_PER_HUNDRED_PERCENT,
  );
  const netMinor = grossMinor - discountMinor;
  const rate = BigInt(terms.taxRateBasisPoints);
  if (terms.taxInclusive) {
    const taxMinor = divideRoundingHalfUp(netMinor * rate, BASIS_POINTS_PER_HUNDRED_PERCENT + rate);
    return { grossMinor, discountMinor, taxMinor, totalMinor: netMinor };
  }
  const taxMinor = divideRoundingHalfUp(netMinor * rate, BASIS_POINTS_PER_HUNDRED_PERCENT);
  return { grossMinor, discountMinor, taxMinor, totalMinor: netMinor + taxMinor };
}

export function sumLines(lines: readonly LineAmounts[]): OrderAmounts {
  const sum = (pick: (line: LineAmounts) => bigint) => lines.reduce((total, line) => total + pick(line), 0n);
  return {
    subtotalMinor: sum((line) => line.grossMinor),
    discountMinor: sum((line) => line.discountMinor),
    taxMinor: sum((line) => line.taxMinor),
    totalMinor: sum((line) => line.totalMinor),
  };
}

/**
 * A percentage as basis points, or null when it has more than two decimals or lies outside
 * [0, max]: 9.5 → 950. Floats such as 9.3 (9.300000000000001 × 100) are read as their decimal text.
 */
export function percentToBasisPoints(percent: number, maxPercent: number): number | null {
  if (!Number.isFinite(percent) || percent < 0 || percent > maxPercent) return null;
  const basisPoints = Math.round(percent * 100);
  return Math.abs(basisPoints - percent * 100) < 1e-6 ? basisPoints : null;
}

export function basisPointsToPercent(basisPoints: number): number {
  return basisPoints / 100;
}
