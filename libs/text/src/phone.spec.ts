import {
  UnsupportedPhoneRegionError,
  digitsOf,
  isSupportedPhoneRegion,
  phoneSearchForms,
  toE164,
} from './phone';

describe('toE164', () => {
  it.each([
    ['Iranian mobile, national form', '09123456789', 'IR', '+989123456789'],
    ['Iranian mobile, Persian digits and spaces', '۰۹۱۲ ۳۴۵ ۶۷۸۹', 'IR', '+989123456789'],
    ['Iranian mobile, Arabic digits', '٠٩١٢٣٤٥٦٧٨٩', 'IR', '+989123456789'],
    ['international form with +', '+98 912 345 6789', 'IR', '+989123456789'],
    ['international form with 00', '0098 912 345 6789', 'IR', '+989123456789'],
    ['Tehran landline', '021-8888 7777', 'IR', '+982188887777'],
    ['a foreign number keeps its own country', '+1 650 253 0000', 'IR', '+16502530000'],
    ['US national form with a US default', '(650) 253-0000', 'US', '+16502530000'],
    ['surrounding whitespace', '  09123456789 ', 'IR', '+989123456789'],
  ])('%s: %j (%s) → %s', (_case, input, region, expected) => {
    expect(toE164(input, region)).toBe(expected);
  });

  it.each([
    ['too short', '12345', 'IR'],
    ['letters', 'call me', 'IR'],
    ['a number inside other text', 'call 09123456789 today', 'IR'],
    ['a US number read as Iranian', '(650) 253-0000', 'IR'],
    ['an extension, which E.164 cannot hold', '+98 21 8888 7777 ext. 12', 'IR'],
    ['empty', '', 'IR'],
  ])('returns null for %s: %j', (_case, input, region) => {
    expect(toE164(input, region)).toBeNull();
  });

  it('throws a clear error for an unknown region', () => {
    expect(() => toE164('09123456789', 'XX')).toThrow(UnsupportedPhoneRegionError);
    expect(() => toE164('09123456789', 'XX')).toThrow('"XX" is not an ISO 3166 region');
  });
});

describe('isSupportedPhoneRegion', () => {
  it.each([
    ['IR', true],
    ['DE', true],
    ['XX', false],
    ['ir', false],
  ])('%s → %s', (region, expected) => {
    expect(isSupportedPhoneRegion(region)).toBe(expected);
  });
});

describe('phoneSearchForms', () => {
  it.each([
    ['+989123456789', ['989123456789', '09123456789']],
    ['+982188887777', ['982188887777', '02188887777']],
    ['+16502530000', ['16502530000', '6502530000']],
  ])('%s → %j', (e164, expected) => {
    expect(phoneSearchForms(e164)).toEqual(expected);
  });
});

describe('digitsOf', () => {
  it.each([
    ['+98 (912) ۳۴۵-۶۷۸۹', '989123456789'],
    ['no digits', ''],
  ])('%j → %j', (input, expected) => {
    expect(digitsOf(input)).toBe(expected);
  });
});
