import { encodeListingCursor, type ListingPosition } from './listing-cursor';

export interface ListingEdges<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Edges and page info from rows fetched with one row more than the page: that row only says another page exists. */
export function listingEdges<T extends ListingPosition>(
  rows: readonly T[],
  pageSize: number,
): ListingEdges<T> {
  const edges = rows.slice(0, pageSize).map((node) => ({ cursor: encodeListingCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > pageSize, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
