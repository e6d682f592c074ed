import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { ErasureService } from './erasure.service';

export function erasureResolvers(erasures: ErasureService): Resolvers {
  return {
    Query: {
      erasureStatus: (_root, args, context) => erasures.erasureStatus(requireCaller(context), args.accountId),
    },
    Mutation: {
      eraseAccount: (_root, args, context) => erasures.eraseAccount(requireCaller(context), args.id),
    },
  };
}
