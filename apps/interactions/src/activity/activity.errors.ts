import { ConflictError, NotFoundError } from '@crm/subgraph';
import type { ActivityStatus } from './activity.entity';

export class ActivityNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('activity', id);
  }
}

/** Only a PLANNED activity can be moved or completed: a DONE or CANCELLED one is history. */
export class ActivityNotPlannedError extends ConflictError {
  constructor(id: string, status: ActivityStatus) {
    super(`activity ${id} is ${status}; only a PLANNED activity can be rescheduled or completed`);
  }
}
