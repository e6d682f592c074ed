/** ISO 4217 codes this runtime knows (ICU's list): an unknown currency is refused as input. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}
