import { divideRoundingHalfUp, ratio } from './money';

describe('divideRoundingHalfUp', () => {
  it.each<[string, bigint, bigint, bigint]>([
    ['exact', 300n, 3n, 100n],
    ['below half rounds down', 10n, 3n, 3n],
    ['half rounds up', 5n, 2n, 3n],
    ['above half rounds up', 20n, 3n, 7n],
    ['negative half rounds away from zero', -5n, 2n, -3n],
    ['negative below half', -10n, 3n, -3n],
    ['zero', 0n, 7n, 0n],
    // IRR and JPY have no minor unit: the same integer rule applies to whole rials and yen.
    ['IRR 1 000 000 rials over 3 orders', 1_000_000n, 3n, 333_333n],
    ['JPY 1 001 yen over 2 orders', 1_001n, 2n, 501n],
    ['amounts beyond 2^53', 9_007_199_254_740_993n, 2n, 4_503_599_627_370_497n],
  ])('%s', (_case, numerator, denominator, expected) => {
    expect(divideRoundingHalfUp(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => divideRoundingHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('ratio', () => {
  it('is null when the denominator is zero', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});
