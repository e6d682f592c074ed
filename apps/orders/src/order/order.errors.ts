import { ConflictError, NotFoundError } from '@crm/subgraph';

export class OrderNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('order', id);
  }
}

/** The client reused an idempotency key for a different request: a bug on its side, never a retry. */
export class IdempotencyKeyReusedError extends ConflictError {
  constructor(what: 'order' | 'payment') {
    super(`this idempotencyKey was already used for a different ${what}; use a new key for a new ${what}`);
  }
}
