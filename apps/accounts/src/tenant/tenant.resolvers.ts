import type { Resolvers } from '../generated/graphql';
import { referencedId } from '@crm/subgraph';

export const tenantResolvers: Resolvers = {
  Tenant: {
    __resolveReference: (reference, context) => {
      const id = referencedId(reference);
      return id === null ? null : context.loaders.tenants.byId.load(id);
    },
  },
};
