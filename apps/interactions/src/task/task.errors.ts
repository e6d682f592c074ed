import { ConflictError, NotFoundError } from '@crm/subgraph';
import type { TaskStatus } from './task.entity';

export class TaskNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('task', id);
  }
}

export class TaskNotOpenError extends ConflictError {
  constructor(id: string, status: TaskStatus) {
    super(`task ${id} is ${status}; only an OPEN task can be completed`);
  }
}
