import { isValidEmail, normalizeEmail, toE164 } from '@crm/text';
import type { FieldErrors } from './field-errors';

/** Upper bounds that keep rows, events and search text a sane size. */
export const LIMITS = {
  name: 200,
  shortText: 100,
  identifier: 50,
  url: 2048,
  /** Emails, phones, addresses per record. */
  listItems: 20,
  tags: 50,
  tag: 50,
  customFieldsBytes: 16 * 1024,
} as const;

/** PostgreSQL cannot store U+0000 in text or jsonb: such a value must be refused before it reaches SQL. */
export const NUL_CHARACTER_MESSAGE = 'must not contain the NUL character (U+0000)';

export function hasNulCharacter(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * Trimmed text; blank means absent (null). Too long is reported but the text is still returned, so
 * later rules (e.g. "a company needs a name") see that a value was given.
 */
export function optionalText(
  errors: FieldErrors,
  field: string,
  value: string | null | undefined,
  maxLength: number,
): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (text.length > maxLength) errors.add(field, `must be at most ${maxLength} characters`);
  if (hasNulCharacter(text)) errors.add(field, NUL_CHARACTER_MESSAGE);
  return text;
}

/** Trimmed text that must not be blank. */
export function requiredText(
  errors: FieldErrors,
  field: string,
  value: string | null | undefined,
  maxLength: number,
): string {
  if ((value?.trim() ?? '') === '') {
    errors.add(field, 'must not be blank');
    return '';
  }
  return optionalText(errors, field, value, maxLength) ?? '';
}

function checkListSize(
  errors: FieldErrors,
  field: string,
  values: readonly unknown[],
  maxItems: number,
): boolean {
  if (values.length <= maxItems) return true;
  errors.add(field, `must have at most ${maxItems} entries`);
  return false;
}

/** Normalised (lower-case) and de-duplicated; each invalid address reported on its index. */
export function emailList(
  errors: FieldErrors,
  field: string,
  values: readonly string[] | null | undefined,
): string[] {
  const emails = values ?? [];
  if (!checkListSize(errors, field, emails, LIMITS.listItems)) return [];
  const normalized = emails.map((email, index) => {
    const candidate = normalizeEmail(email);
    if (!isValidEmail(candidate)) errors.add(`${field}[${index}]`, `"${email}" is not a valid email address`);
    return candidate;
  });
  return [...new Set(normalized)];
}

/** In E.164 and de-duplicated; numbers without a country code are read in `region`. */
export function phoneList(
  errors: FieldErrors,
  field: string,
  values: readonly string[] | null | undefined,
  region: string,
): string[] {
  const phones = values ?? [];
  if (!checkListSize(errors, field, phones, LIMITS.listItems)) return [];
  const normalized = phones.map((phone, index) => {
    const e164 = toE164(phone, region);
    if (e164 === null) {
      errors.add(
        `${field}[${index}]`,
        `"${phone}" is not a valid phone number (numbers without +country code are read as ${region})`,
      );
    }
    return e164 ?? '';
  });
  return [...new Set(normalized)];
}
