import { FULFILMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES } from './enums';
import { assertTransition, canTransition, IllegalTransitionError, type StateMachine } from './state-machine';
import { orderStatusMachine } from '../order/order-status.machine';
import { paymentStatusFor, paymentStatusMachine } from '../payment/payment-status.machine';
import { fulfilmentStatusMachine } from '../shipment/fulfilment-status.machine';

/** Every ordered pair of distinct states, split by whether the table allows it. */
function allPairs<TState extends string>(states: readonly TState[], legal: Array<[TState, TState]>) {
  const isLegal = (from: TState, to: TState) => legal.some(([a, b]) => a === from && b === to);
  const pairs = states.flatMap((from) =>
    states.filter((to) => to !== from).map((to) => [from, to] as [TState, TState]),
  );
  return { legal, illegal: pairs.filter(([from, to]) => !isLegal(from, to)) };
}

const cases: Array<{
  machine: StateMachine<string>;
  states: readonly string[];
  legal: Array<[string, string]>;
}> = [
  {
    machine: orderStatusMachine,
    states: ORDER_STATUSES,
    legal: [
      ['PENDING', 'CONFIRMED'],
      ['PENDING', 'CANCELLED'],
      ['CONFIRMED', 'COMPLETED'],
      ['CONFIRMED', 'CANCELLED'],
    ],
  },
  {
    machine: paymentStatusMachine,
    states: PAYMENT_STATUSES,
    legal: [
      ['UNPAID', 'PARTIALLY_PAID'],
      ['UNPAID', 'PAID'],
      ['PARTIALLY_PAID', 'PAID'],
      ['PARTIALLY_PAID', 'PARTIALLY_REFUNDED'],
      ['PARTIALLY_PAID', 'REFUNDED'],
      ['PAID', 'PARTIALLY_REFUNDED'],
      ['PAID', 'REFUNDED'],
      ['PARTIALLY_REFUNDED', 'REFUNDED'],
    ],
  },
  {
    machine: fulfilmentStatusMachine,
    states: FULFILMENT_STATUSES,
    legal: [
      ['UNFULFILLED', 'PARTIALLY_SHIPPED'],
      ['UNFULFILLED', 'SHIPPED'],
      ['PARTIALLY_SHIPPED', 'SHIPPED'],
      ['SHIPPED', 'DELIVERED'],
      ['DELIVERED', 'RETURNED'],
    ],
  },
];

describe.each(cases)('the $machine.name state machine', ({ machine, states, legal }) => {
  const pairs = allPairs(states, legal);

  it('has a row for every state and nothing else', () => {
    expect(Object.keys(machine.transitions).sort()).toEqual([...states].sort());
  });

  it.each(pairs.legal)('allows %s → %s', (from, to) => {
    expect(canTransition(machine, from, to)).toBe(true);
    expect(() => assertTransition(machine, from, to)).not.toThrow();
  });

  it.each(pairs.illegal)('refuses %s → %s with a CONFLICT naming both states', (from, to) => {
    expect(canTransition(machine, from, to)).toBe(false);
    expect(() => assertTransition(machine, from, to)).toThrow(IllegalTransitionError);
    expect(() => assertTransition(machine, from, to)).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: expect.stringMatching(new RegExp(`${from}.*${to}`)),
      }),
    );
  });
});

describe('paymentStatusFor', () => {
  it.each([
    [1000n, 0n, 0n, 'UNPAID'],
    [1000n, 400n, 0n, 'PARTIALLY_PAID'],
    [1000n, 1000n, 0n, 'PAID'],
    [0n, 0n, 0n, 'UNPAID'],
    [1000n, 1000n, 300n, 'PARTIALLY_REFUNDED'],
    [1000n, 400n, 400n, 'REFUNDED'],
    [1000n, 1000n, 1000n, 'REFUNDED'],
  ])('total %s, paid %s, refunded %s → %s', (total, paid, refunded, status) => {
    expect(paymentStatusFor(total, paid, refunded)).toBe(status);
  });
});
