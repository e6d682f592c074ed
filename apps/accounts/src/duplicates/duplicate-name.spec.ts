import { duplicateNameKey, nameSimilarity } from './duplicate-name';

describe('duplicateNameKey', () => {
  it.each([
    ['Kian Steel Ltd.', 'kian steel'],
    ['KIAN STEEL GmbH', 'kian steel'],
    ['Kian Steel Co., Inc.', 'kian steel'],
    ['Kian-Steel LLC', 'kian steel'],
    ['شرکت کیان فولاد (سهامی خاص)', 'کیان فولاد'],
    ['شركة كيان فولاد', 'کیان فولاد'],
    ['کیان فولاد مسئولیت محدود', 'کیان فولاد'],
    ['Ltd', ''],
  ])('%j → %j', (name, key) => {
    expect(duplicateNameKey(name)).toBe(key);
  });

  it('folds Persian digits, so numbered names compare equal', () => {
    expect(duplicateNameKey('Store ۱۲')).toBe(duplicateNameKey('Store 12'));
  });
});

describe('nameSimilarity', () => {
  it('is 1 for equal names and 0 for names without a trigram in common', () => {
    expect(nameSimilarity('kian steel', 'kian steel')).toBe(1);
    expect(nameSimilarity('kian', 'pars')).toBe(0);
    expect(nameSimilarity('', 'pars')).toBe(0);
  });

  it('matches pg_trgm for a one-letter difference (similarity of "word" and "words" is 4/7)', () => {
    expect(nameSimilarity('word', 'words')).toBeCloseTo(4 / 7, 6);
  });
});
