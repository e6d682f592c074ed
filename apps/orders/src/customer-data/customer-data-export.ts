/** The federated export entity, as the gateway names it. */
export interface CustomerDataExportReference {
  accountId: string;
}
