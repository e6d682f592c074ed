import type { PaymentStatus } from '../common/enums';
import type { StateMachine } from '../common/state-machine';

/**
 * Money in, then possibly back out. A fully refunded order takes no more payments; a partially
 * refunded one stays PARTIALLY_REFUNDED until everything paid has gone back.
 */
export const paymentStatusMachine: StateMachine<PaymentStatus> = {
  name: 'PAYMENT',
  field: 'paymentStatus',
  label: 'payment status',
  transitions: {
    UNPAID: ['PARTIALLY_PAID', 'PAID'],
    PARTIALLY_PAID: ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'],
    PAID: ['PARTIALLY_REFUNDED', 'REFUNDED'],
    PARTIALLY_REFUNDED: ['REFUNDED'],
    REFUNDED: [],
  },
};

/** The payment status the amounts call for: the machine then decides whether the move is legal. */
export function paymentStatusFor(
  totalMinor: bigint,
  paidMinor: bigint,
  refundedMinor: bigint,
): PaymentStatus {
  if (refundedMinor > 0n) return refundedMinor >= paidMinor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  if (paidMinor === 0n) return 'UNPAID';
  return paidMinor >= totalMinor ? 'PAID' : 'PARTIALLY_PAID';
}
