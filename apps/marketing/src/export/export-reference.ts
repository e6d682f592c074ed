export interface CustomerDataExportReference {
  accountId: string;
}
