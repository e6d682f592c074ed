import { ConflictError, InvalidInputError, NotFoundError } from '@crm/subgraph';
import type { MoveRefusal } from './opportunity.rules';

export class OpportunityNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('opportunity', id);
  }
}

export class ClosedOpportunityError extends ConflictError {
  constructor(id: string) {
    super(`opportunity ${id} is closed; reopen it (reopenOpportunity) before changing it`);
  }
}

export class ArchivedAccountError extends ConflictError {
  constructor(accountId: string) {
    super(`account ${accountId} is archived and gets no new opportunities`);
  }
}

/** A refused stage move, as the error the client sees. */
export function moveRefusalError(id: string, refusal: MoveRefusal): Error {
  switch (refusal.kind) {
    case 'other-pipeline':
      return new InvalidInputError([
        { field: 'stageId', message: "is a stage of another pipeline than the opportunity's" },
      ]);
    case 'lost-needs-reason':
      return new InvalidInputError([
        { field: 'lostReason', message: 'is required to move an opportunity into a LOST stage' },
      ]);
    case 'reopen-into-closed-stage':
      return new InvalidInputError([{ field: 'stageId', message: 'must be an OPEN stage to reopen into' }]);
    case 'closed':
      return new ConflictError(
        `opportunity ${id} is closed (${refusal.stageName}); reopen it with reopenOpportunity first`,
      );
    case 'not-closed':
      return new ConflictError(`opportunity ${id} is open; only a won or lost opportunity can be reopened`);
  }
}
