import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { toLatinDigits } from './digits';

export class UnsupportedPhoneRegionError extends Error {
  constructor(region: string) {
    super(`"${region}" is not an ISO 3166 region with a telephone numbering plan`);
    this.name = 'UnsupportedPhoneRegionError';
  }
}

export function isSupportedPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/**
 * A phone number as typed (any spacing, Persian or Arabic digits, national or international form)
 * in E.164, e.g. '۰۹۱۲ ۳۴۵ ۶۷۸۹' with region 'IR' → '+989123456789'. `defaultRegion` says how to read
 * numbers without a country code. Returns null when the input is not a valid number, including
 * numbers with an extension, which E.164 cannot hold. An unknown region is a programming or
 * configuration error and throws.
 */
export function toE164(phone: string, defaultRegion: string): string | null {
  if (!isSupportedPhoneRegion(defaultRegion)) throw new UnsupportedPhoneRegionError(defaultRegion);
  // extract: false → the whole input must be a number, not text that merely contains one.
  const parsed = parsePhoneNumberFromString(toLatinDigits(phone).trim(), {
    defaultCountry: defaultRegion,
    extract: false,
  });
  if (!parsed || !parsed.isValid() || parsed.ext) return null;
  return parsed.number;
}

/**
 * The digit strings someone may type to find a stored E.164 number: international without '+'
 * ('989123456789') and national with its trunk prefix ('09123456789'). Search text holds both, so a
 * substring match finds the number from either habit.
 */
export function phoneSearchForms(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [digitsOf(e164)];
  return [...new Set([digitsOf(parsed.number), digitsOf(parsed.formatNational())])];
}

/** Only the digits of a text, after converting Persian and Arabic digits: '+98 (912) ۳۴۵' → '98912345'. */
export function digitsOf(text: string): string {
  return toLatinDigits(text).replace(/\D/g, '');
}
