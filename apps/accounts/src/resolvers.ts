import type { Resolvers } from './generated/graphql';
import { accountResolvers } from './account/account.resolvers';
import { contactResolvers } from './contact/contact.resolvers';
import { dataExportResolvers } from './data-export/data-export.resolvers';
import { duplicatesResolvers } from './duplicates/duplicates.resolvers';
import { erasureResolvers } from './erasure/erasure.resolvers';
import { mergeResolvers } from './merge/merge.resolvers';
import { importResolvers } from './import/import.resolvers';
import type { AccountsServices } from './services';
import { tenantResolvers } from './tenant/tenant.resolvers';
import { userResolvers } from './user/user.resolvers';

/** The schema mapped onto the aggregates' resolvers; the DateTime and JSON scalars come from the kit. */
export function createAccountsResolvers(services: AccountsServices): Resolvers {
  const users = userResolvers(services.users);
  const accounts = accountResolvers(services.accounts);
  const contacts = contactResolvers(services.contacts);
  const merges = mergeResolvers(services.merges);
  const duplicates = duplicatesResolvers(services.duplicates);
  const erasures = erasureResolvers(services.erasures);
  const dataExports = dataExportResolvers(services.dataExports);
  const imports = importResolvers(services.imports);
  return {
    Query: {
      ...users.Query,
      ...accounts.Query,
      ...contacts.Query,
      ...imports.Query,
      ...duplicates.Query,
      ...erasures.Query,
      ...dataExports.Query,
    },
    Mutation: {
      ...users.Mutation,
      ...accounts.Mutation,
      ...contacts.Mutation,
      ...imports.Mutation,
      ...merges.Mutation,
      ...erasures.Mutation,
    },
    Tenant: tenantResolvers.Tenant,
    User: users.User,
    Account: accounts.Account,
    AccountConnection: accounts.AccountConnection,
    Contact: contacts.Contact,
    CustomerDataExport: dataExports.CustomerDataExport,
    ImportJob: imports.ImportJob,
  };
}
