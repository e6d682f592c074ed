import { ConflictError, NotFoundError } from '@crm/subgraph';

export class ImportJobNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('import job', id);
  }
}

/** Another upload resumed the job: this one's batches may no longer commit. */
export class ImportJobTakenOverError extends ConflictError {
  constructor(id: string) {
    super(`import job ${id} was resumed by another upload; this upload stopped`);
  }
}

/** Two uploads with one idempotency key at the same moment: the second must retry (and then resume). */
export class ImportJobStartingError extends ConflictError {
  constructor(key: string) {
    super(`an import with idempotency key ${key} is starting right now; retry to resume it`);
  }
}
