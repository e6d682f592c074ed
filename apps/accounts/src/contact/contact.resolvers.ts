import { requireCaller, referencedId } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { ContactService } from './contact.service';

export function contactResolvers(contacts: ContactService): Resolvers {
  return {
    Query: {
      contact: (_root, args, context) => context.loaders.contacts.byId.load(args.id),
    },
    Mutation: {
      createContact: (_root, args, context) => contacts.createContact(requireCaller(context), args.input),
      updateContact: (_root, args, context) => contacts.updateContact(requireCaller(context), args.input),
    },
    Contact: {
      __resolveReference: (reference, context) => {
        const id = referencedId(reference);
        return id === null ? null : context.loaders.contacts.byId.load(id);
      },
      account: (contact, _args, context) => context.loaders.accounts.byId.load(contact.accountId),
    },
  };
}
