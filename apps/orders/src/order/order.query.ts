import type { EntityManager } from 'typeorm';
import { canonicalUuid, isUuid } from '@crm/subgraph';
import { OrderEntity } from './order.entity';
import { OrderNotFoundError } from './order.errors';

/**
 * The order, locked until the transaction ends. Every change to an order (status, payment,
 * shipment, refund) takes this lock first, so they apply one after another on fresh state.
 */
export async function lockOrder(manager: EntityManager, tenantId: string, id: string): Promise<OrderEntity> {
  const order = isUuid(id)
    ? await manager
        .createQueryBuilder(OrderEntity, 'o')
        .where('o.tenantId = :tenantId AND o.id = :id', { tenantId, id: canonicalUuid(id) })
        .setLock('pessimistic_write')
        .getOne()
    : null;
  if (!order) throw new OrderNotFoundError(id);
  return order;
}

export function findOrderByIdempotencyKey(
  manager: EntityManager,
  tenantId: string,
  idempotencyKey: string,
): Promise<OrderEntity | null> {
  return manager.findOneBy(OrderEntity, { tenantId, idempotencyKey });
}
