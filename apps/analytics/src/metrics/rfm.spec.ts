import { rfmCode } from './rfm';

describe('rfmCode', () => {
  it.each([
    [{ daysSinceLastOrder: 0, orderCount: 12, monetaryQuintile: 5 }, '555'],
    [{ daysSinceLastOrder: 30, orderCount: 10, monetaryQuintile: 4 }, '554'],
    [{ daysSinceLastOrder: 31, orderCount: 9, monetaryQuintile: 3 }, '443'],
    [{ daysSinceLastOrder: 180, orderCount: 3, monetaryQuintile: 2 }, '332'],
    [{ daysSinceLastOrder: 365, orderCount: 2, monetaryQuintile: 1 }, '221'],
    [{ daysSinceLastOrder: 366, orderCount: 1, monetaryQuintile: 1 }, '111'],
  ])('scores %o as %s', (input, code) => {
    expect(rfmCode(input)).toBe(code);
  });
});
