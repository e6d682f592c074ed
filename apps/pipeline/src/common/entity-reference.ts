/** An entity another subgraph owns (Account, Contact), referenced here by its key only. */
export interface EntityReference {
  id: string;
}

export function referenceTo(id: string): EntityReference {
  return { id };
}
