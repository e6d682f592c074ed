import { activityResolvers } from './activity/activity.resolvers';
import { federationResolvers } from './federation/federation.resolvers';
import type { Resolvers } from './generated/graphql';
import { notificationResolvers } from './notification/notification.resolvers';
import type { InteractionsServices } from './services';
import { taskResolvers } from './task/task.resolvers';
import { notificationSettingsResolvers } from './tenant-settings/notification-settings.resolvers';

/** The schema mapped onto the aggregates' resolvers; the DateTime and JSON scalars come from the kit. */
export function createInteractionsResolvers(services: InteractionsServices): Resolvers {
  const activities = activityResolvers(services.activities);
  const tasks = taskResolvers(services.tasks);
  const notifications = notificationResolvers(services.notifications);
  const settings = notificationSettingsResolvers(services.notificationSettings);
  return {
    Query: { ...activities.Query, ...tasks.Query, ...notifications.Query, ...settings.Query },
    Mutation: { ...activities.Mutation, ...tasks.Mutation, ...notifications.Mutation, ...settings.Mutation },
    Activity: activities.Activity,
    Task: tasks.Task,
    ...federationResolvers,
  };
}
