import { canonicalUuid, isUuid, type FieldErrors } from '@crm/subgraph';
import { isKnownCurrency } from './currency';
import { parseAmountMinor } from './money';

/** Input rules this service's inputs share: ids, amounts, currencies, dates, percentages. */

export function optionalId(
  errors: FieldErrors,
  field: string,
  value: string | null | undefined,
): string | null {
  if (value == null) return null;
  if (!isUuid(value)) {
    errors.add(field, 'is not an id this API returned');
    return null;
  }
  return canonicalUuid(value);
}

export function requiredId(errors: FieldErrors, field: string, value: string): string {
  return optionalId(errors, field, value) ?? '';
}

/** Whole, non-negative minor units as a decimal string; null when absent. */
export function optionalAmountMinor(
  errors: FieldErrors,
  field: string,
  value: string | null | undefined,
): bigint | null {
  if (value == null) return null;
  const amount = parseAmountMinor(value);
  if (amount === null)
    errors.add(field, 'must be a whole, non-negative number of minor units written as digits, e.g. "150000"');
  return amount;
}

export function currencyCode(errors: FieldErrors, field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!isKnownCurrency(code)) errors.add(field, `"${value}" is not an ISO 4217 currency code`);
  return code;
}

/** A real calendar date written YYYY-MM-DD; null when absent or blank. */
export function optionalDate(
  errors: FieldErrors,
  field: string,
  value: string | null | undefined,
): string | null {
  const text = value?.trim();
  if (!text) return null;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)?.slice(1).map(Number);
  const date = parts ? new Date(Date.UTC(parts[0] as number, (parts[1] as number) - 1, parts[2])) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    errors.add(field, 'must be a date written YYYY-MM-DD, e.g. 2026-12-31');
    return null;
  }
  return text;
}

export function optionalPercentage(
  errors: FieldErrors,
  field: string,
  value: number | null | undefined,
): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    errors.add(field, 'must be a whole percentage between 0 and 100');
    return null;
  }
  return value;
}

/** Today's date in UTC, YYYY-MM-DD: what validUntil and expected close dates are compared with. */
export function todayInUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
