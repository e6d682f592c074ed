import type { Resolvers } from './generated/graphql';
import { accountResolvers } from './account/account.resolvers';
import { contactResolvers } from './contact/contact.resolvers';
import type { AccountsServices } from './services';
import { tenantResolvers } from './tenant/tenant.resolvers';
import { userResolvers } from './user/user.resolvers';

/** The schema mapped onto the aggregates' resolvers; the DateTime and JSON scalars come from the kit. */
export function createAccountsResolvers(services: AccountsServices): Resolvers {
  const users = userResolvers(services.users);
  const accounts = accountResolvers(services.accounts);
  const contacts = contactResolvers(services.contacts);
  return {
    Query: { ...users.Query, ...accounts.Query, ...contacts.Query },
    Mutation: { ...users.Mutation, ...accounts.Mutation, ...contacts.Mutation },
    Tenant: tenantResolvers.Tenant,
    User: users.User,
    Account: accounts.Account,
    AccountConnection: accounts.AccountConnection,
    Contact: contacts.Contact,
  };
}
