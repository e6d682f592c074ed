import { mulDivHalfUp, parseAmountMinor, percentToBasisPoints } from './money';

describe('money helpers', () => {
  it.each([
    [10n, 1n, 4n, 3n], // 2.5 → 3
    [10n, 1n, 3n, 3n], // 3.33 → 3
    [5n, 1n, 3n, 2n], // 1.67 → 2
    [0n, 7n, 9n, 0n],
  ])('mulDivHalfUp(%s × %s / %s) = %s', (value, numerator, denominator, expected) => {
    expect(mulDivHalfUp(value, numerator, denominator)).toBe(expected);
  });

  it.each([
    ['150000', 150000n],
    [' 42 ', 42n],
    ['0', 0n],
    ['-1', null],
    ['1.5', null],
    ['1e3', null],
    ['', null],
    ['99999999999999999999', null],
  ])('reads amountMinor %j as %s', (text, expected) => {
    expect(parseAmountMinor(text)).toBe(expected);
  });

  it.each([
    [0, 0],
    [12.5, 1250],
    [100, 10000],
    [0.25, 25],
    [-1, null],
    [100.01, null],
    [12.345, null],
    [Number.NaN, null],
  ])('reads %s %% as %s basis points', (percent, expected) => {
    expect(percentToBasisPoints(percent)).toBe(expected);
  });
});
