import { applicablePrice, type PriceListOption } from './applicable-price';

const defaultList = {
  id: 'default',
  tier: null,
  isDefault: true,
  entries: [
    { minQuantity: 1, unitPriceMinor: 1000n },
    { minQuantity: 10, unitPriceMinor: 900n },
    { minQuantity: 100, unitPriceMinor: 800n },
  ],
};
const gold = {
  id: 'gold',
  tier: 'GOLD',
  isDefault: false,
  entries: [{ minQuantity: 50, unitPriceMinor: 700n }],
};
const silverWithoutThisProduct = { id: 'silver', tier: 'SILVER', isDefault: false, entries: [] };
const lists: (PriceListOption & { id: string })[] = [defaultList, gold, silverWithoutThisProduct];

describe('applicablePrice', () => {
  it.each<[string, string | null, number, string | null, bigint | null]>([
    ['no tier, one unit', null, 1, 'default', 1000n],
    ['a quantity exactly at a break', null, 10, 'default', 900n],
    ['a quantity between breaks', null, 99, 'default', 900n],
    ['a quantity above the largest break', null, 5000, 'default', 800n],
    ['the tier list when it has a break for the quantity', 'GOLD', 50, 'gold', 700n],
    ['the default list when the tier list has none that low', 'GOLD', 20, 'default', 900n],
    ['the default list when the tier list does not price the product', 'SILVER', 1, 'default', 1000n],
    ['the default list for a tier without a list', 'BRONZE', 100, 'default', 800n],
  ])('%s', (_case, tier, quantity, listId, unitPriceMinor) => {
    const price = applicablePrice(lists, tier, quantity);
    expect(price && { listId: price.list.id, unitPriceMinor: price.entry.unitPriceMinor }).toEqual(
      listId === null ? null : { listId, unitPriceMinor },
    );
  });

  it('is null when no list has a break for the quantity', () => {
    expect(applicablePrice([gold], 'GOLD', 10)).toBeNull();
    expect(applicablePrice([], null, 1)).toBeNull();
  });

  it('takes a default list even when it names a tier: "default" is what every buyer falls back to', () => {
    const tieredDefault = { ...defaultList, tier: 'GOLD' };
    expect(applicablePrice([tieredDefault], null, 1)?.entry.unitPriceMinor).toBe(1000n);
  });
});
