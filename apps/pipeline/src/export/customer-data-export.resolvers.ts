import type { Resolvers } from '../generated/graphql';

export const customerDataExportResolvers: Resolvers = {
  CustomerDataExport: {
    __resolveReference: (reference) => ({ accountId: reference.accountId as string }),
    pipeline: (reference, _args, context) => context.loaders.exports.byAccountId.load(reference.accountId),
  },
};
