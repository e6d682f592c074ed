import { documentAmounts, lineAmounts, netOfTax, weightedAmount } from './quote.arithmetic';

describe('quote arithmetic (integer minor units, half up per line)', () => {
  it.each([
    // currency, quantity, unit price, discount bp, tax bp → discount, tax, total
    ['EUR cents, no discount, no tax', 3, 1999n, 0, 0, 0n, 0n, 5997n],
    ['EUR cents, 10 % discount, 19 % VAT', 2, 1050n, 1000, 1900, 210n, 359n, 2249n],
    ['EUR cents, discount rounds half up', 1, 5n, 1000, 0, 1n, 0n, 4n], // 0.5 → 1
    ['EUR cents, discount rounds down below half', 1, 4n, 1000, 0, 0n, 0n, 4n], // 0.4 → 0
    ['IRR rials, 9 % VAT', 4, 1_250_000n, 0, 900, 0n, 450_000n, 5_450_000n],
    ['IRR rials, 12.5 % discount and 9 % VAT', 3, 333_333n, 1250, 900, 125_000n, 78_750n, 953_749n],
    ['IRR rials, tax rounds half up', 1, 50n, 0, 900, 0n, 5n, 55n], // 4.5 → 5
    ['JPY yen, 10 % tax on odd yen', 1, 999n, 0, 1000, 0n, 100n, 1099n], // 99.9 → 100
    ['JPY yen, 3 × 333 with 5 % discount', 3, 333n, 500, 1000, 50n, 95n, 1044n], // 49.95 → 50; 94.9 → 95
    ['JPY yen, 100 % discount', 5, 1200n, 10000, 1000, 6000n, 0n, 0n],
    ['zero quantity price', 7, 0n, 500, 900, 0n, 0n, 0n],
  ])(
    '%s',
    (_case, quantity, unitPriceMinor, discountBasisPoints, taxRateBasisPoints, discount, tax, total) => {
      const line = lineAmounts({ quantity, unitPriceMinor, discountBasisPoints, taxRateBasisPoints });

      expect(line.discountMinor).toBe(discount);
      expect(line.taxMinor).toBe(tax);
      expect(line.totalMinor).toBe(total);
      expect(line.grossMinor).toBe(BigInt(quantity) * unitPriceMinor);
    },
  );

  it('sums lines into the document without rounding again, so the lines add up to the total', () => {
    const lines = [
      lineAmounts({ quantity: 1, unitPriceMinor: 5n, discountBasisPoints: 1000, taxRateBasisPoints: 900 }),
      lineAmounts({ quantity: 1, unitPriceMinor: 5n, discountBasisPoints: 1000, taxRateBasisPoints: 900 }),
      lineAmounts({
        quantity: 2,
        unitPriceMinor: 1_000_000n,
        discountBasisPoints: 0,
        taxRateBasisPoints: 900,
      }),
    ];
    const document = documentAmounts(lines);

    expect(document).toEqual({
      subtotalMinor: 2_000_010n,
      discountMinor: 2n, // 0.5 + 0.5 rounded per line (1 + 1), not 1.0 on the document
      taxMinor: 180_000n, // 0.36 → 0 twice, 180 000
      totalMinor: 2_180_008n,
    });
    expect(lines.reduce((sum, line) => sum + line.totalMinor, 0n)).toBe(document.totalMinor);
  });

  it('handles amounts beyond Number.MAX_SAFE_INTEGER exactly (IRR totals get large)', () => {
    const line = lineAmounts({
      quantity: 1000,
      unitPriceMinor: 90_071_992_547_409n,
      discountBasisPoints: 1,
      taxRateBasisPoints: 900,
    });

    expect(line.grossMinor).toBe(90_071_992_547_409_000n);
    expect(line.discountMinor).toBe(9_007_199_254_741n); // 9 007 199 254 740.9 → …741
    expect(line.totalMinor).toBe(line.netMinor + line.taxMinor);
  });

  it('takes tax out of a tax-inclusive price, half up', () => {
    expect(netOfTax(1090n, 900)).toBe(1000n);
    expect(netOfTax(1000n, 900)).toBe(917n); // 917.43
    expect(netOfTax(1199n, 1900)).toBe(1008n); // 1007.56
    expect(netOfTax(500n, 0)).toBe(500n);
  });

  it.each([
    [1_000_000n, 50, 500_000n],
    [3n, 50, 2n], // 1.5 → 2
    [999n, 10, 100n], // 99.9 → 100
    [1_000n, 0, 0n],
    [1_000n, 100, 1_000n],
  ])('weights %s at %i %% as %s', (amount, probability, expected) => {
    expect(weightedAmount(amount, probability)).toBe(expected);
  });
});
