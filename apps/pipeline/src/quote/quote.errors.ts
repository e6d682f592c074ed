import { ConflictError, NotFoundError } from '@crm/subgraph';
import type { QuoteStatus } from '../common/enums';
import type { QuoteAction } from './quote-status.machine';

export class QuoteNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('quote', id);
  }
}

const VERBS: Record<QuoteAction, string> = { send: 'sent', accept: 'accepted', reject: 'rejected' };

export class QuoteStatusConflictError extends ConflictError {
  constructor(number: string, status: QuoteStatus, action: QuoteAction) {
    super(`quote ${number} is ${status} and cannot be ${VERBS[action]}`);
  }
}

/** Raised inside the transaction; the service records the expiry after it rolled back. */
export class ExpiredQuoteError extends ConflictError {
  constructor(
    readonly tenantId: string,
    readonly quoteId: string,
    number: string,
    validUntil: string,
  ) {
    super(`quote ${number} expired: it was valid until ${validUntil}`);
  }
}
