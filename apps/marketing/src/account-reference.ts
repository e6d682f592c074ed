/** An account as marketing knows it: the id; its own fields are resolved by the accounts subgraph. */
export interface AccountReference {
  id: string;
}
