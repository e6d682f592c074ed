import { toLatinDigits } from './digits';

describe('toLatinDigits', () => {
  it.each([
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['پلاک ۱۲، واحد ٣', 'پلاک 12، واحد 3'],
    ['already 42', 'already 42'],
  ])('%j → %j', (input, expected) => {
    expect(toLatinDigits(input)).toBe(expected);
  });
});
