/** Generated account CSV files for import tests and benchmarks: realistic, with known invalid rows. */

export interface AccountsCsvOptions {
  rows: number;
  /** Every n-th row (n, 2n, …) has exactly one invalid cell; 0 for none. */
  invalidEvery?: number;
  /** How rows are matched on a later import: an externalId column, or the email alone. */
  keyBy?: 'externalId' | 'email';
  /** Distinguishes the values of two files (e.g. a changed tier on a second import). */
  tier?: string;
}

export interface AccountsCsv {
  csv: string;
  validRows: number;
  /** Row number (1 = first row under the header) → the header of its invalid cell. */
  invalidRows: Map<number, string>;
}

const HEADER = [
  'legalName',
  'kind',
  'emails',
  'phones',
  'industry',
  'employeeCount',
  'tier',
  'tags',
  'lifecycleStage',
];

/** One broken cell per invalid row, in turn: each kind of rule is exercised. */
const BREAKAGES: readonly { column: string; value: string }[] = [
  { column: 'emails', value: 'not-an-email' },
  { column: 'employeeCount', value: 'many' },
  { column: 'lifecycleStage', value: 'LEAD' },
  { column: 'phones', value: '12' },
];

function quoted(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function accountsCsvRow(
  index: number,
  options: Pick<AccountsCsvOptions, 'keyBy' | 'tier'> = {},
): Record<string, string> {
  const isPersian = index % 2 === 0;
  return {
    ...(options.keyBy === 'email' ? {} : { externalId: `ext-${index}` }),
    legalName: isPersian ? `شرکت بازرگانی ${index}` : `Trading Company ${index} Ltd`,
    kind: 'COMPANY',
    emails: `info@company${index}.example`,
    phones: `+98912${String(index % 10_000_000).padStart(7, '0')}`,
    industry: isPersian ? 'بازرگانی' : 'Retail',
    employeeCount: String(index % 500),
    tier: options.tier ?? (index % 3 === 0 ? 'GOLD' : 'SILVER'),
    tags: 'imported; 2026',
    lifecycleStage: index % 5 === 0 ? 'CUSTOMER' : 'PROSPECT',
  };
}

export function generateAccountsCsv(options: AccountsCsvOptions): AccountsCsv {
  const header = options.keyBy === 'email' ? HEADER : ['externalId', ...HEADER];
  const lines = [header.join(',')];
  const invalidRows = new Map<number, string>();
  for (let row = 1; row <= options.rows; row += 1) {
    const values = accountsCsvRow(row, options);
    if (options.invalidEvery && row % options.invalidEvery === 0) {
      const breakage = BREAKAGES[
        (row / options.invalidEvery) % BREAKAGES.length
      ] as (typeof BREAKAGES)[number];
      values[breakage.column] = breakage.value;
      invalidRows.set(row, breakage.column);
    }
    lines.push(header.map((column) => quoted(values[column] ?? '')).join(','));
  }
  return { csv: `${lines.join('\n')}\n`, validRows: options.rows - invalidRows.size, invalidRows };
}
