import { InvalidInputError, hasNulCharacter, NUL_CHARACTER_MESSAGE } from '@crm/subgraph';
import {
  digitsOf,
  normalizeEmail,
  normalizeSearchText,
  phoneSearchForms,
  searchTextSpellings,
} from '@crm/text';
import type { AccountFields } from './account.defaults';

/**
 * Search by name, email or phone. Every account stores one `search_text`: its names in every
 * normalised spelling (see @crm/text), its emails, and each phone as the digits of its international
 * and national forms. A query matches when each of its words, in one of its spellings, is a
 * substring of that text, which a pg_trgm GIN index answers without reading the tenant's accounts
 * (see the `account_ids_matching` database function for why it runs there).
 */
export function accountSearchText(
  fields: Pick<AccountFields, 'displayName' | 'legalName' | 'firstName' | 'lastName' | 'emails' | 'phones'>,
): string {
  const names = [fields.displayName, fields.legalName, fields.firstName, fields.lastName].filter(
    (name): name is string => !!name,
  );
  const parts = [
    ...names.flatMap(searchTextSpellings),
    ...fields.emails.map((email) => normalizeSearchText(normalizeEmail(email))),
    ...fields.phones.flatMap(phoneSearchForms),
  ];
  return [...new Set(parts)].join(' ');
}

export const SEARCH_LIMITS = { length: 200, words: 8 } as const;

/** Phone numbers are typed with spaces, dashes, brackets and a leading + or 00; their digits are what counts. */
const PHONE_LIKE = /^[+\d\s().-]+$/;
const MIN_PHONE_DIGITS = 3;
/** 0098… is +98… dialled from most countries; stored forms have no prefix. */
const INTERNATIONAL_PREFIX = /^00/;

/**
 * The query as words, each with the spellings that may stand for it: every word must match, by
 * any of its spellings. A query that looks like a phone number is one word, its digits. Longest
 * words first: they have the most trigrams, so the index narrows most with them.
 */
export function searchWords(search: string, argumentName: string): string[][] {
  if (search.length > SEARCH_LIMITS.length) {
    throw new InvalidInputError([
      { field: argumentName, message: `must be at most ${SEARCH_LIMITS.length} characters` },
    ]);
  }
  if (hasNulCharacter(search)) {
    throw new InvalidInputError([{ field: argumentName, message: NUL_CHARACTER_MESSAGE }]);
  }
  const normalized = normalizeSearchText(search);
  if (normalized === '') return [];
  if (PHONE_LIKE.test(normalized) && digitsOf(normalized).length >= MIN_PHONE_DIGITS) {
    return [[digitsOf(normalized).replace(INTERNATIONAL_PREFIX, '')]];
  }
  const words = search
    .trim()
    .split(/\s+/)
    .map(searchTextSpellings)
    .filter((spellings) => spellings[0] !== '');
  if (words.length > SEARCH_LIMITS.words) {
    throw new InvalidInputError([
      { field: argumentName, message: `must have at most ${SEARCH_LIMITS.words} words` },
    ]);
  }
  return words.sort((a, b) => (b[0]?.length ?? 0) - (a[0]?.length ?? 0));
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/** A PostgreSQL regular expression matching any of the spellings anywhere, each taken literally. */
export function wordPattern(spellings: readonly string[]): string {
  return spellings
    .map((spelling) => spelling.replace(REGEX_SPECIAL, (character) => `\\${character}`))
    .join('|');
}
