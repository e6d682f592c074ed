import { decodeCursor, encodeCursor, InvalidInputError } from '@crm/subgraph';
import { isUuid } from './ids';

/** Lists here are ordered by (createdAt, id): unique, stable, and served by a tenant-first index. */
export interface ListingPosition {
  createdAt: Date;
  id: string;
}

export function encodeListingCursor(row: ListingPosition): string {
  return encodeCursor([row.createdAt.toISOString(), row.id]);
}

export function decodeListingCursor(cursor: string, argumentName: string): ListingPosition {
  const [createdAt, id, ...rest] = decodeCursor(cursor, argumentName);
  const instant = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (
    !instant ||
    Number.isNaN(instant.getTime()) ||
    typeof id !== 'string' ||
    !isUuid(id) ||
    rest.length > 0
  ) {
    throw new InvalidInputError([{ field: argumentName, message: 'is not a cursor this API returned' }]);
  }
  return { createdAt: instant, id };
}
