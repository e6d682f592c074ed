import { InvalidInputError } from '@crm/subgraph';
import { accountSearchText, searchWords, wordPattern } from './account.search';

describe('accountSearchText', () => {
  const text = accountSearchText({
    displayName: 'شركة كيان',
    legalName: 'شركة كيان',
    firstName: null,
    lastName: null,
    emails: ['Info@Kian.example'],
    phones: ['+989123456789'],
  });

  it('holds every spelling of the names once, the emails, and both digit forms of each phone', () => {
    expect(text).toBe('شرکه کیان شرکت کیان info@kian.example 989123456789 09123456789');
  });

  it.each([
    'شرکت کیان',
    'شركة كيان',
    'کیان',
    '09123456789',
    '۰۹۱۲۳۴۵۶۷۸۹',
    '+98 912 345 6789',
    'info@kian',
    '3456',
  ])('lets the query %j match (every word, by one of its spellings)', (query) => {
    const words = searchWords(query, 'filter.search');
    expect(words.length).toBeGreaterThan(0);
    expect(words.every((spellings) => spellings.some((spelling) => text.includes(spelling)))).toBe(true);
  });

  it.each(['شرکت پارس', '0935'])('does not let the query %j match', (query) => {
    const words = searchWords(query, 'filter.search');
    expect(words.every((spellings) => spellings.some((spelling) => text.includes(spelling)))).toBe(false);
  });
});

describe('searchWords', () => {
  it.each([
    ['  ', []],
    ['Acme  Trading', [['trading'], ['acme']]],
    ['شركة', [['شرکه', 'شرکت']]],
    ['۰۹۱۲ ۳۴۵-۶۷۸۹', [['09123456789']]],
    ['0098 912 345 6789', [['989123456789']]],
    ['(021) 8888', [['0218888']]],
    ['12', [['12']]],
  ])('%j → %j', (query, expected) => {
    expect(searchWords(query, 'filter.search')).toEqual(expected);
  });

  it('refuses a query with the NUL character, which no stored text holds, on the argument', () => {
    expect(() => searchWords('sa\u0000ra', 'filter.search')).toThrow(
      expect.objectContaining({
        fields: [{ field: 'filter.search', message: expect.stringMatching(/U\+0000/) }],
      }),
    );
  });

  it('refuses a query over 200 characters or 8 words, on the argument', () => {
    expect(() => searchWords('x'.repeat(201), 'filter.search')).toThrow(InvalidInputError);
    expect(() => searchWords('a b c d e f g h i', 'filter.search')).toThrow(
      expect.objectContaining({ fields: [{ field: 'filter.search', message: 'must have at most 8 words' }] }),
    );
  });
});

describe('wordPattern', () => {
  it.each([
    [['acme'], 'acme'],
    [['شرکه', 'شرکت'], 'شرکه|شرکت'],
    [['a.b*(c)|[d]+?^$\\{e}'], 'a\\.b\\*\\(c\\)\\|\\[d\\]\\+\\?\\^\\$\\\\\\{e\\}'],
  ])('%j → %j (any spelling, each taken literally)', (spellings, expected) => {
    expect(wordPattern(spellings)).toBe(expected);
  });
});
