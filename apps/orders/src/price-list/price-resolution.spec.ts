import { resolvePrice, type CandidatePriceList } from './price-resolution';

const WIDGET = '0190f7c2-0000-7000-8000-00000000000a';
const GADGET = '0190f7c2-0000-7000-8000-00000000000b';

const b2bDefault: CandidatePriceList = {
  id: 'b2b-default',
  salesModel: 'B2B',
  tier: null,
  isDefault: true,
  currency: 'IRR',
  taxInclusive: false,
  entries: [
    { productId: WIDGET, minQuantity: 1, unitPriceMinor: 1000n },
    { productId: WIDGET, minQuantity: 10, unitPriceMinor: 900n },
    { productId: WIDGET, minQuantity: 100, unitPriceMinor: 800n },
    { productId: GADGET, minQuantity: 1, unitPriceMinor: 5000n },
  ],
};
const b2bGold: CandidatePriceList = {
  id: 'b2b-gold',
  salesModel: 'B2B',
  tier: 'GOLD',
  isDefault: false,
  currency: 'IRR',
  taxInclusive: false,
  entries: [
    { productId: WIDGET, minQuantity: 1, unitPriceMinor: 950n },
    { productId: WIDGET, minQuantity: 50, unitPriceMinor: 700n },
  ],
};
const b2cRetail: CandidatePriceList = {
  id: 'b2c-retail',
  salesModel: 'B2C',
  tier: null,
  isDefault: true,
  currency: 'IRR',
  taxInclusive: true,
  entries: [{ productId: WIDGET, minQuantity: 1, unitPriceMinor: 1200n }],
};
const lists = [b2bDefault, b2bGold, b2cRetail];

describe('resolvePrice', () => {
  it.each<
    [string, { salesModel: 'B2B' | 'B2C'; tier: string | null }, string, number, string | null, bigint | null]
  >([
    ['B2B without tier, one unit', { salesModel: 'B2B', tier: null }, WIDGET, 1, 'b2b-default', 1000n],
    [
      'B2B volume tier at its exact threshold',
      { salesModel: 'B2B', tier: null },
      WIDGET,
      10,
      'b2b-default',
      900n,
    ],
    [
      'B2B volume tier between thresholds',
      { salesModel: 'B2B', tier: null },
      WIDGET,
      99,
      'b2b-default',
      900n,
    ],
    ['B2B highest volume tier', { salesModel: 'B2B', tier: null }, WIDGET, 500, 'b2b-default', 800n],
    ['GOLD tier list first', { salesModel: 'B2B', tier: 'GOLD' }, WIDGET, 5, 'b2b-gold', 950n],
    ['GOLD tier list volume tier', { salesModel: 'B2B', tier: 'GOLD' }, WIDGET, 50, 'b2b-gold', 700n],
    [
      'GOLD falls back to the default list for a product it does not price',
      { salesModel: 'B2B', tier: 'GOLD' },
      GADGET,
      2,
      'b2b-default',
      5000n,
    ],
    [
      'a tier without a list uses the default list',
      { salesModel: 'B2B', tier: 'SILVER' },
      WIDGET,
      10,
      'b2b-default',
      900n,
    ],
    [
      'B2C uses the B2C list, never B2B prices',
      { salesModel: 'B2C', tier: null },
      WIDGET,
      500,
      'b2c-retail',
      1200n,
    ],
    ['no list prices the product', { salesModel: 'B2C', tier: null }, GADGET, 1, null, null],
  ])('%s', (_case, buyer, productId, quantity, listId, unitPrice) => {
    const price = resolvePrice(lists, buyer, productId, quantity);
    expect(price?.priceListId ?? null).toBe(listId);
    expect(price?.unitPriceMinor ?? null).toBe(unitPrice);
  });

  it('reports the list’s currency and tax treatment with the price', () => {
    expect(resolvePrice(lists, { salesModel: 'B2C', tier: null }, WIDGET, 1)).toEqual({
      priceListId: 'b2c-retail',
      currency: 'IRR',
      taxInclusive: true,
      minQuantity: 1,
      unitPriceMinor: 1200n,
    });
  });
});
