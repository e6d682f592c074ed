import { requireCaller } from '@crm/subgraph';
import { reference } from '../federation/entity-reference';
import type { Resolvers } from '../generated/graphql';
import type { ActivityService } from './activity.service';

export function activityResolvers(activities: ActivityService): Resolvers {
  return {
    Query: {
      activity: (_root, args, context) => context.loaders.activities.byId.load(args.id),
      calendar: (_root, args, context) =>
        activities.calendar(requireCaller(context).tenantId, args.from, args.to, args.ownerId ?? null),
    },
    Mutation: {
      logActivity: (_root, args, context) => activities.logActivity(requireCaller(context), args.input),
      rescheduleActivity: (_root, args, context) =>
        activities.rescheduleActivity(requireCaller(context), args),
      completeActivity: (_root, args, context) => activities.completeActivity(requireCaller(context), args),
    },
    Activity: {
      __resolveReference: (ref, context) =>
        typeof ref.id === 'string' ? context.loaders.activities.byId.load(ref.id) : null,
      account: (activity) => reference(activity.accountId),
      contacts: (activity) => activity.contactIds.map((id) => ({ id })),
      opportunity: (activity) => reference(activity.opportunityId),
      order: (activity) => reference(activity.orderId),
      owner: (activity) => reference(activity.ownerId),
    },
  };
}
