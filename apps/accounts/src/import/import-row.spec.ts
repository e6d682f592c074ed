import { resolveColumns, type ResolvedColumns } from './import-mapping';
import { readImportRow } from './import-row';

function columnsFor(header: string[]): ResolvedColumns {
  const columns = resolveColumns(header, null);
  if (typeof columns === 'string') throw new Error(columns);
  return columns;
}

describe('readImportRow', () => {
  const header = [
    'externalId',
    'kind',
    'legalName',
    'emails',
    'tags',
    'employeeCount',
    'lifecycleStage',
    'addressCity',
    'contactFirstName',
    'contactBuyingRole',
  ];
  const columns = columnsFor(header);

  it('reads cells into the account, its address and its contact; empty cells are not given', () => {
    const row = readImportRow(
      [
        ' ext-1 ',
        'company',
        'Acme',
        'a@acme.example; b@acme.example',
        'خرده‌فروشی،vip',
        '12',
        'customer',
        'Tehran',
        'Ali',
        'decision maker',
      ],
      7,
      columns,
    );
    expect(row.errors.list).toEqual([]);
    expect(row).toMatchObject({ rowNumber: 7, externalId: 'ext-1', kind: 'COMPANY' });
    expect(row.account).toEqual({
      legalName: 'Acme',
      emails: ['a@acme.example', 'b@acme.example'],
      tags: ['خرده‌فروشی', 'vip'],
      employeeCount: 12,
      lifecycleStage: 'CUSTOMER',
      addresses: [
        {
          label: 'Main',
          line1: '',
          city: 'Tehran',
          country: '',
          line2: undefined,
          region: undefined,
          postalCode: undefined,
        },
      ],
    });
    expect(row.contact).toEqual({ firstName: 'Ali', buyingRole: 'DECISION_MAKER' });
  });

  it('has no contact when every contact cell is empty', () => {
    const row = readImportRow(['', '', 'Acme', '', '', '', '', '', ' ', ''], 1, columns);
    expect(row.contact).toBeNull();
    expect(row.account).toEqual({ legalName: 'Acme' });
    expect(row.externalId).toBeNull();
  });

  it('reports each unreadable cell on its field', () => {
    const row = readImportRow(['', 'shop', 'Acme', '', '', 'a dozen', 'LEAD', '', 'Ali', 'boss'], 1, columns);
    expect(row.errors.list.map((error) => error.field)).toEqual([
      'lifecycleStage',
      'employeeCount',
      'kind',
      'contactBuyingRole',
    ]);
  });

  it('reports a row whose column count differs from the header, or that holds a NUL character', () => {
    expect(readImportRow(['x', 'COMPANY'], 1, columns).errors.list).toEqual([
      { field: '', message: 'has 2 columns where the header has 10' },
    ]);
    const withNul = readImportRow(['', '', 'Ac\u0000me', '', '', '', '', '', '', ''], 1, columns);
    expect(withNul.errors.list).toEqual([{ field: '', message: expect.stringContaining('NUL') }]);
  });
});
