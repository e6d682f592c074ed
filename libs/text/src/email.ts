import { toLatinDigits } from './digits';

/** The form emails are stored and compared in: trimmed, lower-case, Latin digits. */
export function normalizeEmail(email: string): string {
  return toLatinDigits(email.normalize('NFC')).trim().toLowerCase();
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const MAX_EMAIL_LENGTH = 254; // RFC 5321 path limit
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * A deliverable-looking address: the dot-atom local part of RFC 5322 (no quoted strings, which
 * real users do not have) and a domain of at least two DNS labels whose last one is not numeric.
 * Internationalised domains must be given in their ASCII (punycode) form.
 */
export function isValidEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  return (
    local.length <= MAX_LOCAL_PART_LENGTH &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    /[a-z]/i.test(labels.at(-1) ?? '')
  );
}
