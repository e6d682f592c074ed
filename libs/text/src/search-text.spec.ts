import { normalizeSearchText, searchTextSpellings } from './search-text';

describe('normalizeSearchText', () => {
  it.each([
    ['Arabic yeh and kaf → Persian', 'شركة كيان', 'شرکه کیان'],
    ['alef maksura → Persian yeh', 'مصطفى', 'مصطفی'],
    ['teh marbuta → heh', 'مدرسة', 'مدرسه'],
    ['heh with yeh above → heh', 'خانۀ ما', 'خانه ما'],
    ['hamza forms on alef → alef', 'أحمد إبراهيم', 'احمد ابراهیم'],
    ['madda on alef → alef', 'آرش', 'ارش'],
    ['hamza on waw and yeh dropped', 'مؤسسه مسئول', 'موسسه مسیول'],
    ['harakat removed', 'مُحَمَّد', 'محمد'],
    ['tatweel removed', 'کــــیان', 'کیان'],
    ['zero-width non-joiner removed', 'می\u200Cروم', 'میروم'],
    ['bidirectional marks removed', '\u200Fعلی\u200E', 'علی'],
    ['Arabic presentation forms → letters', '\uFEDB\uFEF4\uFE8E\uFEE5', 'کیان'],
    ['Persian digits → Latin', '۰۹۱۲۳۴۵۶۷۸۹', '09123456789'],
    ['Arabic digits → Latin', '٠٩١٢٣٤٥٦٧٨٩', '09123456789'],
    ['Latin lower-cased', 'ACME Trading', 'acme trading'],
    ['Latin accents removed', 'Café Müller', 'cafe muller'],
    ['full-width Latin → ASCII', 'ＡＢＣ１２３', 'abc123'],
    ['whitespace collapsed and trimmed', '  Acme \t\n  Ltd  ', 'acme ltd'],
    ['non-breaking spaces collapse too', 'Acme\u00A0\u00A0Ltd', 'acme ltd'],
    ['empty stays empty', '', ''],
  ])('%s: %j → %j', (_case, input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  it.each([
    ['كيان', 'کیان'],
    ['علي', 'علی'],
    ['مدرسة', 'مدرسه'],
  ])('makes the Arabic-keyboard %j equal to the Persian %j', (arabic, persian) => {
    expect(normalizeSearchText(arabic)).toBe(normalizeSearchText(persian));
  });

  it.each(['شركة كيان', 'Café Müller', '۰۹۱۲ ۳۴۵', 'می\u200Cروم', '  A  b '])(
    'is idempotent for %j',
    (input) => {
      const once = normalizeSearchText(input);
      expect(normalizeSearchText(once)).toBe(once);
    },
  );
});

describe('searchTextSpellings', () => {
  it.each([
    ['text without teh marbuta has one spelling', 'Acme کیان', ['acme کیان']],
    ['teh marbuta answers to both ه and ت', 'شركة كيان', ['شرکه کیان', 'شرکت کیان']],
    ['every teh marbuta is replaced', 'مؤسسة تجارية', ['موسسه تجاریه', 'موسست تجاریت']],
    ['a presentation-form teh marbuta counts too', 'شرك\uFE93', ['شرکه', 'شرکت']],
  ])('%s', (_case, input, expected) => {
    expect(searchTextSpellings(input)).toEqual(expected);
  });

  it.each([
    ['شركة كيان', 'شرکت کیان'],
    ['مدرسة', 'مدرسه'],
  ])('lets %j be found as %j', (stored, typed) => {
    expect(searchTextSpellings(stored)).toContain(normalizeSearchText(typed));
  });
});
