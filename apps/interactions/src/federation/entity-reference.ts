/**
 * An entity another service owns (Account, Contact, Opportunity, Order, User), as this subgraph
 * sees it: only its id. Its fields here are resolved from interactions' own tables.
 */
export interface EntityReference {
  id: string;
}

/** The reference to put in a response for a nullable foreign id. */
export function reference(id: string | null): EntityReference | null {
  return id === null ? null : { id };
}
