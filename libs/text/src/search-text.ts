import { toLatinDigits } from './digits';

/**
 * Letters that Arabic and Persian keyboards type differently for the same word. A record typed on
 * one keyboard must be found from the other, so both sides fold to the Persian form.
 */
const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي Arabic yeh → ی
  '\u0649': '\u06CC', // ى alef maksura → ی
  '\u0643': '\u06A9', // ك Arabic kaf → ک
  '\u0629': '\u0647', // ة teh marbuta → ه
  '\u06D5': '\u0647', // ە, what ۀ (heh with yeh above) decomposes to → ه
  '\u0671': '\u0627', // ٱ alef wasla → ا
};
const LETTER_VARIANT = new RegExp(`[${Object.keys(LETTER_VARIANTS).join('')}]`, 'g');

/**
 * Marks people rarely type when searching: Latin accents, Arabic harakat, hamza and madda above or
 * below a letter (so أ إ آ → ا, ؤ → و, ئ → ی after decomposition), Quranic annotation signs.
 */
const COMBINING_MARKS = /[\u0300-\u036F\u064B-\u065F\u0670\u06D6-\u06ED]/g;

/**
 * Characters that change how text looks but not what it says: tatweel (ـ, stretches a word), soft
 * hyphen, bidirectional controls, and the zero-width (non-)joiners. Removing ZWNJ makes «می‌روم» and
 * «میروم» equal, and «می روم» still matches both word by word.
 */
const INVISIBLE_OR_DECORATIVE = /[\u0640\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * The one form in which the platform stores and compares searchable text, so a name typed with an
 * Arabic keyboard, Persian digits or stray diacritics finds the same record as its plain Persian or
 * Latin spelling. Idempotent: normalising twice changes nothing.
 */
export function normalizeSearchText(text: string): string {
  const folded = text
    .normalize('NFKD') // presentation forms and ligatures → letters; accents split off the letter
    .replace(COMBINING_MARKS, '')
    .replace(INVISIBLE_OR_DECORATIVE, '')
    .replace(LETTER_VARIANT, (letter) => LETTER_VARIANTS[letter] ?? letter)
    .normalize('NFC');
  return toLatinDigits(folded).toLowerCase().replace(/\s+/g, ' ').trim();
}

const TEH_MARBUTA = '\u0629';

/**
 * Every normalised spelling a text may be searched under. Persian writes the Arabic teh marbuta (ة)
 * as ه in some words (مدرسة → مدرسه) and as ت in others (شركة → شرکت), and no rule tells which, so
 * a text containing ة answers to both. Store all spellings; match a query if any of its spellings
 * matches.
 */
export function searchTextSpellings(text: string): string[] {
  const letters = text.normalize('NFKC'); // so a presentation-form ة counts too
  const spellings = [normalizeSearchText(letters)];
  if (letters.includes(TEH_MARBUTA))
    spellings.push(normalizeSearchText(letters.replaceAll(TEH_MARBUTA, '\u062A')));
  return spellings;
}
