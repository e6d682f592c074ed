import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { DuplicatesService } from './duplicates.service';

export function duplicatesResolvers(duplicates: DuplicatesService): Resolvers {
  return {
    Query: {
      duplicateAccounts: async (_root, args, context) => {
        const candidates = await duplicates.duplicateAccounts(requireCaller(context), args.accountId);
        // The candidates' own fields were read with them: no need to read them again.
        for (const { account } of candidates) context.loaders.accounts.byId.prime(account.id, account);
        return candidates;
      },
    },
  };
}
