import { isSupportedPhoneRegion } from '@crm/text';
import type { FieldErrors } from '@crm/subgraph';

export interface TenantSettings {
  defaultCurrency: string;
  locale: string;
  timeZone: string;
  phoneRegion: string;
}

export type RequestedTenantSettings = { [K in keyof TenantSettings]?: string | null };

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

function currency(errors: FieldErrors, value: string): string {
  const code = value.trim().toUpperCase();
  if (!CURRENCIES.has(code)) errors.add('defaultCurrency', `"${value}" is not an ISO 4217 currency code`);
  return code;
}

function locale(errors: FieldErrors, value: string): string {
  try {
    return Intl.getCanonicalLocales(value.trim())[0] ?? value;
  } catch {
    errors.add('locale', `"${value}" is not a BCP 47 locale such as fa-IR`);
    return value;
  }
}

function timeZone(errors: FieldErrors, value: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    errors.add('timeZone', `"${value}" is not an IANA time zone such as Asia/Tehran`);
    return value;
  }
}

function phoneRegion(errors: FieldErrors, value: string): string {
  const region = value.trim().toUpperCase();
  if (!isSupportedPhoneRegion(region))
    errors.add('phoneRegion', `"${value}" is not a region with a telephone numbering plan`);
  return region;
}

/** The region of a locale such as fa-IR, when it has one with a numbering plan. */
function regionOfLocale(tag: string): string | undefined {
  try {
    const region = new Intl.Locale(tag).region;
    return region && isSupportedPhoneRegion(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A new tenant's settings: what the caller asked for, else the service defaults. Phone numbers are
 * read in the region of the requested locale unless a phone region is given.
 */
export function resolveTenantSettings(
  errors: FieldErrors,
  requested: RequestedTenantSettings,
  defaults: TenantSettings,
): TenantSettings {
  const resolvedLocale = requested.locale ? locale(errors, requested.locale) : defaults.locale;
  const localeRegion = requested.locale ? regionOfLocale(resolvedLocale) : undefined;
  return {
    defaultCurrency: requested.defaultCurrency
      ? currency(errors, requested.defaultCurrency)
      : defaults.defaultCurrency,
    locale: resolvedLocale,
    timeZone: requested.timeZone ? timeZone(errors, requested.timeZone) : defaults.timeZone,
    phoneRegion: requested.phoneRegion
      ? phoneRegion(errors, requested.phoneRegion)
      : (localeRegion ?? defaults.phoneRegion),
  };
}
