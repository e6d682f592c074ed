import { requireCaller } from '@crm/subgraph';
import { reference } from '../federation/entity-reference';
import type { Resolvers } from '../generated/graphql';
import type { TaskService } from './task.service';
import { isOverdue } from './task.validation';

export function taskResolvers(tasks: TaskService): Resolvers {
  return {
    Query: {
      myTasks: (_root, args, context) =>
        tasks.myTasks(requireCaller(context), { status: args.status, dueBefore: args.dueBefore }),
    },
    Mutation: {
      createTask: (_root, args, context) => tasks.createTask(requireCaller(context), args.input),
      completeTask: (_root, args, context) => tasks.completeTask(requireCaller(context), args.id),
    },
    Task: {
      assignee: (task) => reference(task.assigneeId),
      account: (task) => reference(task.accountId),
      opportunity: (task) => reference(task.opportunityId),
      reminders: (task, _args, context) => context.loaders.tasks.remindersByTask.load(task.id),
      isOverdue: (task) => isOverdue(task, new Date()),
    },
  };
}
