import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { MergeService } from './merge.service';

export function mergeResolvers(merges: MergeService): Resolvers {
  return {
    Mutation: {
      mergeAccounts: (_root, args, context) =>
        merges.mergeAccounts(
          requireCaller(context),
          args.survivorId,
          args.duplicateIds,
          args.expectedVersion,
        ),
    },
  };
}
