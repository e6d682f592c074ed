import { ConflictError, NotFoundError } from '@crm/subgraph';

export class AccountNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('account', id);
  }
}

/** Archived accounts are kept for history and references, not edited. */
export class ArchivedAccountError extends ConflictError {
  constructor(id: string) {
    super(`account ${id} is archived and can no longer be changed`);
  }
}
