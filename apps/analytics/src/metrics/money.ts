/** Money arithmetic on integer minor units; floats never touch an amount. */

/**
 * numerator / denominator rounded half away from zero ("half-up" for positive amounts), the one
 * rounding rule of every average and weighted figure here. The denominator must be positive.
 */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

export interface Money {
  amountMinor: string;
  currency: string;
}

export function money(amountMinor: bigint, currency: string): Money {
  return { amountMinor: amountMinor.toString(), currency };
}

/** A ratio as a float for rates and shares (not money); null when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
