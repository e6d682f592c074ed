import { requireCaller } from '@crm/subgraph';
import type { Resolvers } from '../generated/graphql';
import type { NotificationSettingsService } from './notification-settings.service';

export function notificationSettingsResolvers(settings: NotificationSettingsService): Resolvers {
  return {
    Query: {
      customerNotificationSettings: (_root, _args, context) =>
        settings.settings(requireCaller(context).tenantId),
    },
    Mutation: {
      setCustomerNotificationSettings: (_root, args, context) =>
        settings.setSettings(requireCaller(context), args),
    },
  };
}
