import {
  divideRoundingHalfUp,
  percentToBasisPoints,
  priceLine,
  sumLines,
  type LineTerms,
} from './order-arithmetic';

function line(overrides: Partial<LineTerms>): LineTerms {
  return {
    unitPriceMinor: 0n,
    quantity: 1,
    discountBasisPoints: 0,
    taxRateBasisPoints: 0,
    taxInclusive: false,
    ...overrides,
  };
}

describe('divideRoundingHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [0n, 7n, 0n],
    [15n, 10n, 2n],
    [14n, 10n, 1n],
  ])('%s / %s rounds half-up to %s', (numerator, denominator, expected) => {
    expect(divideRoundingHalfUp(numerator, denominator)).toBe(expected);
  });
});

describe('priceLine: per line, discount then tax, half-up to the minor unit', () => {
  it.each<[string, Partial<LineTerms>, [bigint, bigint, bigint, bigint]]>([
    // [case, terms, [gross, discount, tax, total]]
    [
      'EUR cents, 10% off, 19% tax',
      { unitPriceMinor: 1999n, quantity: 3, discountBasisPoints: 1000, taxRateBasisPoints: 1900 },
      [5997n, 600n, 1025n, 6422n],
    ],
    [
      'IRR (no minor unit in use), 9% VAT on 3 × 1,250,000',
      { unitPriceMinor: 1_250_000n, quantity: 3, taxRateBasisPoints: 900 },
      [3_750_000n, 0n, 337_500n, 4_087_500n],
    ],
    [
      'IRR, 7.5% off a large B2B line',
      { unitPriceMinor: 485_000_000n, quantity: 120, discountBasisPoints: 750, taxRateBasisPoints: 1000 },
      [58_200_000_000n, 4_365_000_000n, 5_383_500_000n, 59_218_500_000n],
    ],
    [
      'JPY, a tie rounds up: 10% of 105 yen',
      { unitPriceMinor: 105n, quantity: 1, taxRateBasisPoints: 1000 },
      [105n, 0n, 11n, 116n],
    ],
    [
      'JPY, below a half rounds down: 8% of 106 yen',
      { unitPriceMinor: 106n, quantity: 1, taxRateBasisPoints: 800 },
      [106n, 0n, 8n, 114n],
    ],
    [
      'JPY, 33.33% off 100 yen',
      { unitPriceMinor: 100n, quantity: 1, discountBasisPoints: 3333 },
      [100n, 33n, 0n, 67n],
    ],
    [
      'tax-inclusive IRR: the 9% inside 1,090,000',
      { unitPriceMinor: 1_090_000n, quantity: 1, taxRateBasisPoints: 900, taxInclusive: true },
      [1_090_000n, 0n, 90_000n, 1_090_000n],
    ],
    [
      'tax-inclusive with discount: 20% inside 1000 less 5%',
      {
        unitPriceMinor: 1000n,
        quantity: 1,
        discountBasisPoints: 500,
        taxRateBasisPoints: 2000,
        taxInclusive: true,
      },
      [1000n, 50n, 158n, 950n],
    ],
    ['free line', { unitPriceMinor: 0n, quantity: 5, taxRateBasisPoints: 900 }, [0n, 0n, 0n, 0n]],
    [
      '100% discount',
      { unitPriceMinor: 999n, quantity: 2, discountBasisPoints: 10000, taxRateBasisPoints: 900 },
      [1998n, 1998n, 0n, 0n],
    ],
  ])('%s', (_case, terms, [gross, discount, tax, total]) => {
    expect(priceLine(line(terms))).toEqual({
      grossMinor: gross,
      discountMinor: discount,
      taxMinor: tax,
      totalMinor: total,
    });
  });

  it('stays exact beyond Number.MAX_SAFE_INTEGER', () => {
    const amounts = priceLine(
      line({ unitPriceMinor: 9_000_000_000_000_000n, quantity: 1, taxRateBasisPoints: 900 }),
    );
    expect(amounts.totalMinor).toBe(9_810_000_000_000_000n);
  });
});

describe('sumLines', () => {
  it('makes the order the sum of its separately rounded lines', () => {
    const lines = [
      priceLine(line({ unitPriceMinor: 105n, taxRateBasisPoints: 1000 })),
      priceLine(line({ unitPriceMinor: 105n, taxRateBasisPoints: 1000 })),
    ];
    // Rounded per line: 11 + 11 = 22, not round(21.0) = 21 on the document.
    expect(sumLines(lines)).toEqual({
      subtotalMinor: 210n,
      discountMinor: 0n,
      taxMinor: 22n,
      totalMinor: 232n,
    });
  });

  it('is zero for no lines', () => {
    expect(sumLines([])).toEqual({ subtotalMinor: 0n, discountMinor: 0n, taxMinor: 0n, totalMinor: 0n });
  });
});

describe('percentToBasisPoints', () => {
  it.each([
    [9, 900],
    [9.5, 950],
    [9.3, 930],
    [0, 0],
    [100, 10000],
    [33.33, 3333],
  ])('reads %s%% as %s', (percent, basisPoints) => {
    expect(percentToBasisPoints(percent, 100)).toBe(basisPoints);
  });

  it.each([[-1], [100.01], [9.125], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %s', (percent) => {
    expect(percentToBasisPoints(percent, 100)).toBeNull();
  });
});
