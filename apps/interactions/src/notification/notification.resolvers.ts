import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { NotificationService } from './notification.service';

export function notificationResolvers(notifications: NotificationService): Resolvers {
  return {
    Query: {
      notifications: (_root, args, context) =>
        notifications.notifications(requireCaller(context), args.unreadOnly ?? true),
    },
    Mutation: {
      markNotificationsRead: (_root, args, context) =>
        notifications.markRead(requireCaller(context), args.ids),
    },
  };
}
