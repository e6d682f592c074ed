import { normalizeSearchText } from '@crm/text';

/**
 * Words that say what legal form a company has, not which company it is: "Kian Steel Ltd" and
 * «شرکت کیان استیل سهامی خاص» are the same name. Written as people type them; compared in their
 * normalised spelling (see @crm/text: «شركة» becomes «شرکه», «مسئولیت» «مسیولیت»).
 */
const LEGAL_FORM_WORDS = new Set(
  [
    // English and international
    'ltd',
    'limited',
    'llc',
    'llp',
    'plc',
    'inc',
    'incorporated',
    'corp',
    'corporation',
    'co',
    'company',
    // German, Dutch, French, Italian, Spanish
    'gmbh',
    'ag',
    'kg',
    'bv',
    'nv',
    'sa',
    'sarl',
    'sas',
    'srl',
    'spa',
    // Persian and Arabic
    'شرکت',
    'شرکه',
    'سهامی',
    'خاص',
    'عام',
    'مسئولیت',
    'مسؤولیت',
    'محدود',
    'تعاونی',
    'تضامنی',
    'مختلط',
    'نسبی',
    'موسسه',
    'مؤسسه',
    'ش',
    'سخ',
    'سع',
    'م',
  ].map(normalizeSearchText),
);

/** Punctuation between or around words: "Co.", "Kian-Steel", «(سهامی خاص)». */
const SEPARATORS = /[\s.,;:()[\]{}'"`«»&/\\_-]+/u;

/** A name as duplicates are compared: normalised, without legal-form words, words in order. */
export function duplicateNameKey(name: string): string {
  return normalizeSearchText(name)
    .split(SEPARATORS)
    .filter((word) => word !== '' && !LEGAL_FORM_WORDS.has(word))
    .join(' ');
}

/** pg_trgm's trigrams of a text: each word padded with two spaces before and one after. */
function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.split(' ').filter((part) => part !== '')) {
    const padded = `  ${word} `;
    const letters = [...padded];
    for (let index = 0; index + 3 <= letters.length; index += 1) {
      grams.add(letters.slice(index, index + 3).join(''));
    }
  }
  return grams;
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams of both, 0 to 1. */
export function nameSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return shared / (left.size + right.size - shared);
}
