import { InvalidInputError } from './errors';
import { MAX_PAGE_SIZE, assertPageSize, decodeCursor, encodeCursor, toConnection } from './pagination';

function inputErrorOf(action: () => unknown): InvalidInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('no error raised');
}

describe('cursors', () => {
  it('round-trip the sort key of a row', () => {
    const key = ['2026-11-26T10:00:00.000Z', '0190f7c2-0000-7000-8000-0000000000aa', 42];
    expect(decodeCursor(encodeCursor(key), 'after')).toEqual(key);
  });

  it('are opaque, URL-safe strings', () => {
    expect(encodeCursor(['Ωmega/+?', 1])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['an empty string', ''],
    ['JSON that is not a list', Buffer.from('{"id":1}').toString('base64url')],
    ['an empty list', Buffer.from('[]').toString('base64url')],
    ['a list holding objects', Buffer.from('[{"id":1}]').toString('base64url')],
  ])('refuse %s as BAD_USER_INPUT naming the argument', (_case, cursor) => {
    const error = inputErrorOf(() => decodeCursor(cursor, 'after'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields).toEqual([{ field: 'after', message: 'is not a cursor this API returned' }]);
  });
});

describe('assertPageSize', () => {
  it('defaults to 20 when the client gives no size', () => {
    expect(assertPageSize(undefined)).toBe(20);
    expect(assertPageSize(null)).toBe(20);
  });

  it.each([0, 1, MAX_PAGE_SIZE])('accepts %i', (size) => {
    expect(assertPageSize(size)).toBe(size);
  });

  it.each([-1, MAX_PAGE_SIZE + 1, 2.5])('refuses %d, naming the argument', (size) => {
    expect(inputErrorOf(() => assertPageSize(size, 'last')).fields).toEqual([
      { field: 'last', message: `must be between 0 and ${MAX_PAGE_SIZE}` },
    ]);
  });
});

describe('toConnection', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const cursorOf = (row: { id: string }) => [row.id];

  it('reports a next page when the extra row came back, and ends at the last row shown', () => {
    const connection = toConnection(rows, 2, 10, cursorOf);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    expect(connection.totalCount).toBe(10);
    expect(decodeCursor(connection.edges[1].cursor, 'after')).toEqual(['b']);
  });

  it('reports no next page on the last page', () => {
    expect(toConnection(rows, 3, 3, cursorOf).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: encodeCursor(['c']),
    });
  });

  it('has no end cursor when the page is empty', () => {
    expect(toConnection([], 20, 0, cursorOf)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 0,
    });
  });
});
