import { rowsPerAccount } from './rows-per-account';

describe('rowsPerAccount', () => {
  it("gives each requested account its rows in their order, an empty list to one without, whatever the id's case", () => {
    const rows = [
      { account: 'aa', n: 1 },
      { account: 'bb', n: 2 },
      { account: 'aa', n: 3 },
    ];
    expect(rowsPerAccount(['cc', 'AA', 'bb'], rows, (row) => row.account)).toEqual([
      [],
      [
        { account: 'aa', n: 1 },
        { account: 'aa', n: 3 },
      ],
      [{ account: 'bb', n: 2 }],
    ]);
  });
});
