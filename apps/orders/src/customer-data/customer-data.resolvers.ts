import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { CustomerDataService } from './customer-data.service';

export function customerDataResolvers(customerData: CustomerDataService): Resolvers {
  return {
    CustomerDataExport: {
      __resolveReference: (reference) =>
        typeof reference.accountId === 'string' ? { accountId: reference.accountId } : null,
      orders: (reference, _args, context) =>
        customerData.exportAccount(requireCaller(context).tenantId, reference.accountId),
    },
  };
}
