import { canonicalUuid } from '@crm/subgraph';

/** DataLoader's contract for a one-to-many field: each requested account's rows, in the requested order. */
export function rowsPerAccount<T>(
  accountIds: readonly string[],
  rows: readonly T[],
  accountOf: (row: T) => string,
): T[][] {
  const byAccount = new Map<string, T[]>();
  for (const row of rows) {
    const accountRows = byAccount.get(accountOf(row));
    if (accountRows) accountRows.push(row);
    else byAccount.set(accountOf(row), [row]);
  }
  return accountIds.map((id) => byAccount.get(canonicalUuid(id)) ?? []);
}
