import { ConflictError } from '@crm/subgraph';

/**
 * A state machine as data: for each state, the states it may move to. Nothing else may happen;
 * staying in the same state is not a transition (callers skip it).
 */
export interface StateMachine<TState extends string> {
  /** ORDER, PAYMENT or FULFILMENT: the `machine` of OrderStatusChanged. */
  name: 'ORDER' | 'PAYMENT' | 'FULFILMENT';
  /** The Order field it drives, as statusHistory names it. */
  field: 'status' | 'paymentStatus' | 'fulfilmentStatus';
  /** How messages name the state, e.g. "fulfilment status". */
  label: string;
  transitions: Readonly<Record<TState, readonly TState[]>>;
}

export class IllegalTransitionError extends ConflictError {
  constructor(label: string, from: string, to: string) {
    super(`the order's ${label} is ${from} and cannot become ${to}`);
  }
}

export function canTransition<TState extends string>(
  machine: StateMachine<TState>,
  from: TState,
  to: TState,
): boolean {
  return machine.transitions[from].includes(to);
}

/** CONFLICT naming the current and the requested state when the move is not in the table. */
export function assertTransition<TState extends string>(
  machine: StateMachine<TState>,
  from: TState,
  to: TState,
): void {
  if (!canTransition(machine, from, to)) throw new IllegalTransitionError(machine.label, from, to);
}
