import { ConflictError, NotFoundError } from '@crm/subgraph';
import type { LeadStatus } from '../common/enums';

export class LeadNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('lead', id);
  }
}

export class LeadStatusConflictError extends ConflictError {
  constructor(id: string, status: LeadStatus, action: string) {
    super(`lead ${id} is ${status} and cannot be ${action}`);
  }
}
