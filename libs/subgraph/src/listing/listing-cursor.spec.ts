import { InvalidInputError } from '../errors';
import { encodeCursor } from '../pagination';
import { decodeListingCursor, encodeListingCursor } from './listing-cursor';
import { listingEdges } from './listing-page';

const position = {
  createdAt: new Date('2026-11-26T10:00:00.123Z'),
  id: '0190f7c2-0000-7000-8000-000000000001',
};

describe('listing cursors', () => {
  it('round-trips a position to the millisecond', () => {
    expect(decodeListingCursor(encodeListingCursor(position), 'after')).toEqual(position);
  });

  it('are opaque: nothing readable in them', () => {
    expect(encodeListingCursor(position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['not base64 JSON at all', '!!!'],
    ['a cursor of another shape', encodeCursor([42])],
    ['a bad date', encodeCursor(['yesterday', position.id])],
    ['a bad id', encodeCursor([position.createdAt.toISOString(), 'x'])],
    ['extra values', encodeCursor([position.createdAt.toISOString(), position.id, 1])],
    ['a date before PostgreSQL timestamps begin', encodeCursor(['-271821-04-20T00:00:00.000Z', position.id])],
  ])('refuses %s as BAD_USER_INPUT on the argument', (_case, cursor) => {
    expect(() => decodeListingCursor(cursor, 'after')).toThrow(InvalidInputError);
    expect(() => decodeListingCursor(cursor, 'after')).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'after' })],
      }),
    );
  });
});

describe('listingEdges', () => {
  const rows = [1, 2, 3].map((n) => ({
    createdAt: new Date(n * 1000),
    id: `0190f7c2-0000-7000-8000-00000000000${n}`,
  }));

  it('uses the extra row only to say that another page exists', () => {
    const page = listingEdges(rows, 2);
    expect(page.edges.map((edge) => edge.node)).toEqual(rows.slice(0, 2));
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: encodeListingCursor(rows[1] as (typeof rows)[number]),
    });
  });

  it('marks the last page and an empty one', () => {
    expect(listingEdges(rows, 3).pageInfo.hasNextPage).toBe(false);
    expect(listingEdges([], 3).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
