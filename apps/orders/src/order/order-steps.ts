import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { actorColumn } from '../common/actor';
import { assertTransition, type StateMachine } from '../common/state-machine';
import { publishOrderStatusChanged, type StatusStep } from '../events/publishers';
import type { ShipmentEntity } from '../shipment/shipment.entity';
import { orderStatusMachine } from './order-status.machine';
import { OrderStatusChangeEntity } from './order-status-change.entity';
import type { OrderEntity } from './order.entity';

/**
 * Moves one of the order's statuses in memory, after the machine allowed it (CONFLICT otherwise),
 * and returns the step to record once the order is saved; null when it already is in that state.
 */
export function moveStatus<TState extends string>(
  order: OrderEntity,
  machine: StateMachine<TState>,
  to: TState,
): StatusStep | null {
  const from = order[machine.field] as TState;
  if (from === to) return null;
  assertTransition(machine, from, to);
  (order as unknown as Record<string, string>)[machine.field] = to;
  return { machine: machine as unknown as StateMachine<string>, from, to };
}

/** A confirmed order that is paid in full and delivered has nothing left to do. */
export function completeIfSettled(order: OrderEntity): StatusStep | null {
  const isSettled =
    order.status === 'CONFIRMED' && order.paymentStatus === 'PAID' && order.fulfilmentStatus === 'DELIVERED';
  return isSettled ? moveStatus(order, orderStatusMachine, 'COMPLETED') : null;
}

/** Appends the steps to statusHistory and publishes one OrderStatusChanged per step. */
export async function recordSteps(
  manager: EntityManager,
  order: OrderEntity,
  steps: readonly (StatusStep | null)[],
  changedAt: Date,
  actorId: string,
  shipment: ShipmentEntity | null = null,
): Promise<void> {
  const taken = steps.filter((step): step is StatusStep => step !== null);
  if (taken.length === 0) return;
  await manager.insert(
    OrderStatusChangeEntity,
    taken.map((step) => ({
      tenantId: order.tenantId,
      id: uuidv7(),
      orderId: order.id,
      field: step.machine.field,
      fromStatus: step.from,
      toStatus: step.to,
      changedAt,
      changedBy: actorColumn(actorId),
    })),
  );
  for (const step of taken)
    await publishOrderStatusChanged(manager, order, step, changedAt, actorId, shipment);
}
