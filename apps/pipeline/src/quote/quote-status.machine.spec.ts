import { effectiveQuoteStatus, formatQuoteNumber, quoteTransition } from './quote-status.machine';

describe('quote status machine', () => {
  it.each([
    ['DRAFT', 'send', 'move:SENT'],
    ['SENT', 'send', 'unchanged'],
    ['ACCEPTED', 'send', 'refused'],
    ['SENT', 'accept', 'move:ACCEPTED'],
    ['ACCEPTED', 'accept', 'unchanged'],
    ['DRAFT', 'accept', 'refused'],
    ['REJECTED', 'accept', 'refused'],
    ['EXPIRED', 'accept', 'refused'],
    ['SENT', 'reject', 'move:REJECTED'],
    ['REJECTED', 'reject', 'unchanged'],
    ['ACCEPTED', 'reject', 'refused'],
  ] as const)('%s + %s → %s', (from, action, expected) => {
    const outcome = quoteTransition(from, action);
    expect(outcome.kind === 'move' ? `move:${outcome.to}` : outcome.kind).toBe(expected);
  });

  it.each([
    ['SENT', '2026-11-25', '2026-11-26', 'EXPIRED'],
    ['DRAFT', '2026-11-25', '2026-11-26', 'EXPIRED'],
    ['SENT', '2026-11-26', '2026-11-26', 'SENT'], // valid through its last day
    ['SENT', null, '2030-01-01', 'SENT'],
    ['ACCEPTED', '2026-11-01', '2026-11-26', 'ACCEPTED'], // accepted is final
    ['REJECTED', '2026-11-01', '2026-11-26', 'REJECTED'],
  ] as const)('a %s quote valid until %s is, on %s, %s', (status, validUntil, today, expected) => {
    expect(effectiveQuoteStatus({ status, validUntil }, today)).toBe(expected);
  });

  it('numbers quotes with six digits', () => {
    expect(formatQuoteNumber(1)).toBe('Q-000001');
    expect(formatQuoteNumber(1234567)).toBe('Q-1234567');
  });
});
