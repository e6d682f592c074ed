import { decodeListingCursor, type CursorValues } from '@crm/subgraph';

/**
 * Activities and timeline entries are listed by when they happen, newest first, (time, id) being
 * unique. The listing cursor of the kit carries exactly such a pair; only its field is named for
 * creation time.
 */
export interface TimePosition {
  at: Date;
  id: string;
}

/** The cursor values of a row (for `toConnection`): the same pair a listing cursor holds. */
export function timeCursorValues(at: Date, id: string): CursorValues {
  return [at.toISOString(), id];
}

export function decodeTimeCursor(cursor: string, argumentName: string): TimePosition {
  const { createdAt, id } = decodeListingCursor(cursor, argumentName);
  return { at: createdAt, id };
}
