/** Another subgraph's entity (Account, Opportunity, Quote) as orders knows it: its id only. */
export interface EntityReference {
  id: string;
}
