import { nextOffsetToCommit, partitionLag } from './offsets';

describe('nextOffsetToCommit', () => {
  it('commits the offset after the processed message', () => {
    expect(nextOffsetToCommit('0')).toBe('1');
    expect(nextOffsetToCommit('41')).toBe('42');
  });

  it('stays exact beyond 2^53, where Number would round', () => {
    expect(nextOffsetToCommit('9007199254740993')).toBe('9007199254740994');
  });
});

describe('partitionLag', () => {
  it('counts the messages between the committed offset and the end of the partition', () => {
    expect(partitionLag('120', '100')).toBe(20);
    expect(partitionLag('100', '100')).toBe(0);
    expect(partitionLag('90', '100')).toBe(0);
  });
});
