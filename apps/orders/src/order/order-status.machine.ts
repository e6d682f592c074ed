import type { OrderStatus } from '../common/enums';
import type { StateMachine } from '../common/state-machine';

/** An order is confirmed, then completed once paid and delivered; it can be cancelled until then. */
export const orderStatusMachine: StateMachine<OrderStatus> = {
  name: 'ORDER',
  field: 'status',
  label: 'status',
  transitions: {
    PENDING: ['CONFIRMED', 'CANCELLED'],
    CONFIRMED: ['COMPLETED', 'CANCELLED'],
    COMPLETED: [],
    CANCELLED: [],
  },
};
