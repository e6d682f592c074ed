import type { QuoteStatus } from '../common/enums';

export type QuoteAction = 'send' | 'accept' | 'reject';

/** The legal transitions, as data: from which status each action leads where. */
const TRANSITIONS: Record<QuoteAction, Partial<Record<QuoteStatus, QuoteStatus>>> = {
  send: { DRAFT: 'SENT' },
  accept: { SENT: 'ACCEPTED' },
  reject: { SENT: 'REJECTED' },
};

/** Repeating an action that already happened (a retried request) changes nothing and is not an error. */
const ALREADY_DONE: Record<QuoteAction, QuoteStatus> = {
  send: 'SENT',
  accept: 'ACCEPTED',
  reject: 'REJECTED',
};

export type TransitionOutcome =
  | { kind: 'move'; to: QuoteStatus }
  | { kind: 'unchanged' }
  | { kind: 'refused' };

export function quoteTransition(from: QuoteStatus, action: QuoteAction): TransitionOutcome {
  const to = TRANSITIONS[action][from];
  if (to) return { kind: 'move', to };
  if (ALREADY_DONE[action] === from) return { kind: 'unchanged' };
  return { kind: 'refused' };
}

/**
 * Expiry is evaluated on read: a DRAFT or SENT quote is EXPIRED from the day after validUntil (UTC),
 * whether or not the stored status has caught up yet.
 */
export function effectiveQuoteStatus(
  quote: { status: QuoteStatus; validUntil: string | null },
  today: string,
): QuoteStatus {
  const isOpen = quote.status === 'DRAFT' || quote.status === 'SENT';
  return isOpen && quote.validUntil !== null && quote.validUntil < today ? 'EXPIRED' : quote.status;
}

export function formatQuoteNumber(sequence: number): string {
  return `Q-${String(sequence).padStart(6, '0')}`;
}
