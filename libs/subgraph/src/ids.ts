const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients and other subgraphs are checked before they reach a uuid column, where a malformed one is an SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The form PostgreSQL returns a uuid in (lower-case). An id is stored, compared, published and used
 * as a DataLoader key in this form, so an id a client typed in upper case still names the same row.
 */
export function canonicalUuid(value: string): string {
  return value.toLowerCase();
}

/** The distinct well-formed ids among `ids`: what is worth asking the database for. */
export function queryableIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/** DataLoader's contract: one result per requested id, in the requested order, null where none was found. */
export function inRequestedOrder<T extends { id: string }>(
  ids: readonly string[],
  found: readonly T[],
): (T | null)[] {
  const byId = new Map(found.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The id of an entity representation the gateway sent. A representation without one (or with one
 * that is not a string) names nothing, so its entity resolves to null rather than reaching a loader.
 */
export function referencedId(reference: { id?: unknown }): string | null {
  return typeof reference.id === 'string' ? reference.id : null;
}
