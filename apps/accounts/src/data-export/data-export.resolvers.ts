import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { DataExportService } from './data-export.service';

export function dataExportResolvers(exports: DataExportService): Resolvers {
  return {
    Query: {
      exportAccount: (_root, args, context) => exports.exportAccount(requireCaller(context), args.id),
      customerDataExport: (_root, args, context) =>
        exports.customerDataExport(requireCaller(context), args.accountId),
    },
    CustomerDataExport: {
      __resolveReference: (reference, context) =>
        exports.customerDataExport(requireCaller(context), reference.accountId),
    },
  };
}
