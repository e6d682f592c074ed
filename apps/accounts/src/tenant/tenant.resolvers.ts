import type { Resolvers } from '../generated/graphql';

export const tenantResolvers: Resolvers = {
  Tenant: {
    __resolveReference: (reference, context) => context.loaders.tenants.byId.load(reference.id),
  },
};
