import { ConflictError } from '@crm/subgraph';

/** A merged account lives on in its survivor: erasing the survivor erases both. */
export class MergedAccountErasureError extends ConflictError {
  constructor(id: string, survivorId: string) {
    super(`account ${id} was merged into ${survivorId}: erase ${survivorId}, which erases both`);
  }
}
