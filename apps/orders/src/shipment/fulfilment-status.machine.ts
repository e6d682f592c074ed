import type { FulfilmentStatus } from '../common/enums';
import type { StateMachine } from '../common/state-machine';

/** Goods leave in one or more shipments, arrive, and may come back. */
export const fulfilmentStatusMachine: StateMachine<FulfilmentStatus> = {
  name: 'FULFILMENT',
  field: 'fulfilmentStatus',
  label: 'fulfilment status',
  transitions: {
    UNFULFILLED: ['PARTIALLY_SHIPPED', 'SHIPPED'],
    PARTIALLY_SHIPPED: ['SHIPPED'],
    SHIPPED: ['DELIVERED'],
    DELIVERED: ['RETURNED'],
    RETURNED: [],
  },
};
