import { remainingMessages, totalMessages } from './replay-progress';

describe('replay progress', () => {
  const target = new Map([
    ['crm.orders.events:0', 10],
    ['crm.orders.events:1', 5],
    ['crm.accounts.events:0', 0],
  ]);

  it('counts every message up to the target as remaining before anything is committed', () => {
    expect(remainingMessages(target, new Map([['crm.orders.events:0', -1]]))).toBe(15);
    expect(totalMessages(target)).toBe(15);
  });

  it('is zero once every partition reached its target, even past it', () => {
    expect(
      remainingMessages(
        target,
        new Map([
          ['crm.orders.events:0', 12],
          ['crm.orders.events:1', 5],
        ]),
      ),
    ).toBe(0);
  });
});
