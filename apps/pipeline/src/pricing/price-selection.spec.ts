import { resolveApplicablePrice, type PriceListCandidate } from './price-selection';

const retail: PriceListCandidate = {
  id: 'retail',
  tier: null,
  isDefault: true,
  taxInclusive: false,
  entries: [
    { minQuantity: 1, unitPriceMinor: 1000n },
    { minQuantity: 10, unitPriceMinor: 900n },
    { minQuantity: 100, unitPriceMinor: 800n },
  ],
};
const gold: PriceListCandidate = {
  id: 'gold',
  tier: 'GOLD',
  isDefault: false,
  taxInclusive: false,
  entries: [{ minQuantity: 5, unitPriceMinor: 700n }],
};
const notDefault: PriceListCandidate = { ...retail, id: 'other', isDefault: false, entries: [] };
const grossPrices: PriceListCandidate = {
  ...retail,
  id: 'gross',
  taxInclusive: true,
  entries: [{ minQuantity: 1, unitPriceMinor: 1090n }],
};

describe('resolveApplicablePrice', () => {
  it.each<[string, PriceListCandidate[], string | null, number, string | null, bigint | null]>([
    ['the base break', [retail], null, 1, 'retail', 1000n],
    ['the largest break not above the quantity', [retail], null, 57, 'retail', 900n],
    ['a break exactly at the quantity', [retail], null, 100, 'retail', 800n],
    ["the account tier's list first", [retail, gold], 'GOLD', 5, 'gold', 700n],
    [
      "the default list when the tier's list has no break for the quantity",
      [retail, gold],
      'GOLD',
      2,
      'retail',
      1000n,
    ],
    ['the default list for another tier', [retail, gold], 'SILVER', 5, 'retail', 1000n],
    ['nothing from a list that is neither the tier nor the default', [notDefault], null, 5, null, null],
    ['nothing without candidates', [], 'GOLD', 1, null, null],
  ])('picks %s', (_case, candidates, tier, quantity, listId, price) => {
    const picked = resolveApplicablePrice(candidates, { tier, quantity, taxRateBasisPoints: 0 });

    expect(picked?.priceListId ?? null).toBe(listId);
    expect(picked?.unitPriceMinor ?? null).toBe(price);
  });

  it('converts a tax-inclusive price to net with the product tax rate', () => {
    expect(
      resolveApplicablePrice([grossPrices], { tier: null, quantity: 1, taxRateBasisPoints: 900 })
        ?.unitPriceMinor,
    ).toBe(1000n);
  });
});
