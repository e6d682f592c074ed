/** A column of a set-based write: its name, its PostgreSQL type and how to read it from a record. */
export interface ColumnSpec<T> {
  name: string;
  type: string;
  value: (record: T) => unknown;
}

export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}

/**
 * Set-based writes for bulk imports: all records travel as ONE json parameter that
 * `json_to_recordset` turns back into rows, so a batch is one statement whatever its size (no
 * parameter limit, no per-row round trip).
 */
function recordset<T>(columns: readonly ColumnSpec<T>[], records: readonly T[]): [string, string] {
  const definition = columns.map((column) => `"${column.name}" ${column.type}`).join(', ');
  const json = JSON.stringify(
    records.map((record) => Object.fromEntries(columns.map((column) => [column.name, column.value(record)]))),
  );
  return [`json_to_recordset($1::json) AS "r"(${definition})`, json];
}

export function insertStatement<T>(
  table: string,
  columns: readonly ColumnSpec<T>[],
  records: readonly T[],
): SqlStatement | null {
  if (records.length === 0) return null;
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const [source, json] = recordset(columns, records);
  return { sql: `INSERT INTO "${table}" (${names}) SELECT ${names} FROM ${source}`, parameters: [json] };
}

/** Sets every given column (and `updated_at`) of the rows whose key columns match. */
export function updateStatement<T>(
  table: string,
  keyColumns: readonly string[],
  columns: readonly ColumnSpec<T>[],
  records: readonly T[],
): SqlStatement | null {
  if (records.length === 0) return null;
  const assignments = columns
    .filter((column) => !keyColumns.includes(column.name))
    .map((column) => `"${column.name}" = "r"."${column.name}"`);
  const match = keyColumns.map((key) => `"t"."${key}" = "r"."${key}"`).join(' AND ');
  const [source, json] = recordset(columns, records);
  return {
    sql: `UPDATE "${table}" AS "t" SET ${[...assignments, '"updated_at" = now()'].join(', ')} FROM ${source} WHERE ${match}`,
    parameters: [json],
  };
}
