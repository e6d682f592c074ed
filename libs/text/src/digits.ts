const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0; // ۰ (Persian, Urdu)
const ARABIC_INDIC_ZERO = 0x0660; // ٠ (Arabic)
const NON_LATIN_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;

/** Persian (۰-۹) and Arabic (٠-٩) digits → 0-9; everything else unchanged. */
export function toLatinDigits(text: string): string {
  return text.replace(NON_LATIN_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}
