/**
 * Money in integer minor units (bigint), never floats. Every division rounds half up (away from
 * zero for the non-negative amounts used here: 0.5 → 1), applied once per line; see quote.arithmetic.ts.
 */
export interface Money {
  amountMinor: string;
  currency: string;
}

export function money(amountMinor: bigint, currency: string): Money {
  return { amountMinor: amountMinor.toString(), currency };
}

/** `value × numerator / denominator`, rounded half up; all non-negative. */
export function mulDivHalfUp(value: bigint, numerator: bigint, denominator: bigint): bigint {
  if (value < 0n || numerator < 0n || denominator <= 0n) {
    throw new RangeError('mulDivHalfUp takes non-negative amounts and a positive denominator');
  }
  const product = value * numerator;
  return (product * 2n + denominator) / (denominator * 2n);
}

/** Basis points in a whole: 100 % = 10 000. */
export const BASIS_POINTS_PER_WHOLE = 10_000n;

/** The largest amount accepted as input: PostgreSQL bigint's maximum, so sums of a few lines still fit. */
export const MAX_AMOUNT_MINOR = 2n ** 62n;

/** A decimal integer string of minor units, e.g. "150000"; null when it is not one or is negative. */
export function parseAmountMinor(text: string): bigint | null {
  const trimmed = text.trim();
  if (!/^\d{1,19}$/.test(trimmed)) return null;
  const value = BigInt(trimmed);
  return value <= MAX_AMOUNT_MINOR ? value : null;
}

/** A percentage with at most two decimals (12.5, 9, 0.25) in basis points; null when not one. */
export function percentToBasisPoints(percent: number): number | null {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return null;
  const basisPoints = Math.round(percent * 100);
  return Math.abs(basisPoints - percent * 100) < 1e-6 ? basisPoints : null;
}

export function basisPointsToPercent(basisPoints: number): number {
  return basisPoints / 100;
}
