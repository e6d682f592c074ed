import { InvalidInputError } from './errors';

export type CursorValues = (string | number)[];

/** Cursors are opaque to clients: base64url of the sort key of the last row they saw. */
export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, argumentName: string): CursorValues {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    // Never empty: every cursor this API hands out holds the sort key of a row.
    const isSortKey = (value: unknown) => typeof value === 'string' || typeof value === 'number';
    if (Array.isArray(values) && values.length > 0 && values.every(isSortKey)) {
      return values;
    }
  } catch {
    // fall through to the input error below
  }
  throw new InvalidInputError([{ field: argumentName, message: 'is not a cursor this API returned' }]);
}

export const MAX_PAGE_SIZE = 100;

export function assertPageSize(first: number | null | undefined, argumentName = 'first'): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidInputError([{ field: argumentName, message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  return size;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * Builds a Relay connection from rows fetched with LIMIT first + 1: the extra row only tells
 * whether another page exists.
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number,
  cursorOf: (row: T) => CursorValues,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
