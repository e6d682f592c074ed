import { requireCaller, referencedId } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { UserService } from './user.service';

export function userResolvers(users: UserService): Resolvers {
  return {
    Query: {
      me: (_root, _args, context) => context.loaders.users.byId.load(requireCaller(context).userId),
      users: (_root, _args, context) => users.listUsers(requireCaller(context).tenantId),
    },
    Mutation: {
      signUp: (_root, args) => users.signUp(args),
      login: (_root, args) => users.login(args.email, args.password),
      inviteUser: (_root, args, context) => users.inviteUser(requireCaller(context), args),
      invitationLink: (_root, args, context) => users.invitationLink(requireCaller(context), args.userId),
      acceptInvitation: (_root, args) => users.acceptInvitation(args.token, args.password),
    },
    User: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.users.byId.load(id);
      },
    },
  };
}
