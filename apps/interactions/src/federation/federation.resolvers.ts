import { assertPageSize, canonicalUuid, referencedId } from '@crm/subgraph';
import { decodeTimeCursor } from '../common/time-cursor';
import type { Resolvers } from '../generated/graphql';

function pageArguments(args: { first?: number | null; after?: string | null }) {
  return {
    pageSize: assertPageSize(args.first, 'first'),
    after: args.after ? decodeTimeCursor(args.after, 'after') : null,
  };
}

function referenceFrom(reference: { id?: unknown }) {
  const id = referencedId(reference);
  return id === null ? null : { id: canonicalUuid(id) };
}

/** The fields interactions adds to other services' entities, each through a per-request DataLoader. */
export const federationResolvers: Resolvers = {
  Account: {
    __resolveReference: (reference) => referenceFrom(reference),
    activities: (account, args, context) =>
      context.loaders.activities.pageOf.account.load({
        ownerId: account.id,
        types: args.types ?? null,
        ...pageArguments(args),
      }),
    timeline: (account, args, context) =>
      context.loaders.timeline.pageByAccount.load({ accountId: account.id, ...pageArguments(args) }),
    tasks: (account, args, context) =>
      context.loaders.tasks.byAccount.load({ accountId: account.id, status: args.status ?? null }),
    lastInteractionAt: (account, _args, context) =>
      context.loaders.activities.lastInteractionAt.load(account.id),
  },
  Contact: {
    __resolveReference: (reference) => referenceFrom(reference),
    activities: (contact, args, context) =>
      context.loaders.activities.pageOf.contact.load({
        ownerId: contact.id,
        types: null,
        ...pageArguments(args),
      }),
  },
  Opportunity: {
    __resolveReference: (reference) => referenceFrom(reference),
    activities: (opportunity, args, context) =>
      context.loaders.activities.pageOf.opportunity.load({
        ownerId: opportunity.id,
        types: null,
        ...pageArguments(args),
      }),
  },
  TimelineEntry: {
    activity: (entry, _args, context) =>
      entry.activityId ? context.loaders.activities.byId.load(entry.activityId) : null,
  },
  CustomerDataExport: {
    __resolveReference: (reference) =>
      typeof reference.accountId === 'string' ? { accountId: reference.accountId } : null,
    interactions: (dataExport, _args, context) => context.loaders.dataExport.load(dataExport.accountId),
  },
};
