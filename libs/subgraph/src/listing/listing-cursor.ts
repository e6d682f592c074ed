import { InvalidInputError } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';
import { isUuid } from '../ids';

/** Lists here are ordered by (createdAt, id): unique, stable, and served by a tenant-first index. */
export interface ListingPosition {
  createdAt: Date;
  id: string;
}

export function encodeListingCursor(row: ListingPosition): string {
  return encodeCursor([row.createdAt.toISOString(), row.id]);
}

/**
 * Every cursor this API issues holds a `created_at` of a row, so a year outside 1..9999 is a forged
 * cursor; JavaScript dates reach back further than PostgreSQL's timestamps, which would fail in SQL.
 */
function isYearPostgresCanCompare(instant: Date): boolean {
  const year = instant.getUTCFullYear();
  return year >= 1 && year <= 9999;
}

export function decodeListingCursor(cursor: string, argumentName: string): ListingPosition {
  const [createdAt, id, ...rest] = decodeCursor(cursor, argumentName);
  const instant = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (
    !instant ||
    Number.isNaN(instant.getTime()) ||
    !isYearPostgresCanCompare(instant) ||
    typeof id !== 'string' ||
    !isUuid(id) ||
    rest.length > 0
  ) {
    throw new InvalidInputError([{ field: argumentName, message: 'is not a cursor this API returned' }]);
  }
  return { createdAt: instant, id };
}
