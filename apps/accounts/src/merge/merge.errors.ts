import { ConflictError } from '@crm/subgraph';

export class AlreadyMergedError extends ConflictError {
  constructor(id: string, survivorId: string) {
    super(`account ${id} was already merged into ${survivorId}`);
  }
}

/** An erased account holds nothing left to merge, and merging must not bring its data back. */
export class ErasedAccountMergeError extends ConflictError {
  constructor(id: string) {
    super(`account ${id} was erased and cannot be merged`);
  }
}
