import { assertPageSize, requireCaller, referencedId, decodeListingCursor } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { AccountService } from './account.service';

export function accountResolvers(accounts: AccountService): Resolvers {
  return {
    Query: {
      account: (_root, args, context) => context.loaders.accounts.byId.load(args.id),
      accounts: async (_root, args, context) => {
        const page = await accounts.listAccounts(
          requireCaller(context).tenantId,
          args.filter,
          args.first,
          args.after,
        );
        // Contacts on the page point back to these accounts: no need to read them again.
        for (const { node } of page.edges) context.loaders.accounts.byId.prime(node.id, node);
        return page;
      },
    },
    Mutation: {
      createAccount: (_root, args, context) => accounts.createAccount(requireCaller(context), args.input),
      updateAccount: (_root, args, context) => accounts.updateAccount(requireCaller(context), args.input),
      archiveAccount: (_root, args, context) => accounts.archiveAccount(requireCaller(context), args.id),
    },
    AccountConnection: {
      totalCount: (page) => page.countTotal(),
    },
    Account: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.accounts.byId.load(id);
      },
      archived: (account) => account.archivedAt !== null,
      owner: (account, _args, context) =>
        account.ownerId ? context.loaders.users.byId.load(account.ownerId) : null,
      parent: (account, _args, context) =>
        account.parentId ? context.loaders.accounts.byId.load(account.parentId) : null,
      contacts: (account, args, context) =>
        context.loaders.contacts.pageByAccount.load({
          accountId: account.id,
          pageSize: assertPageSize(args.first, 'first'),
          after: args.after ? decodeListingCursor(args.after, 'after') : null,
        }),
    },
  };
}
