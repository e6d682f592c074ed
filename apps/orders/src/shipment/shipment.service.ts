import { v7 as uuidv7 } from 'uuid';
import type { TenantScopedDatabase } from '@crm/database';
import {
  type Caller,
  canonicalUuid,
  ConflictError,
  FieldErrors,
  isUuid,
  LIMITS,
  optionalText,
} from '@crm/subgraph';
import { updateAggregate } from '../common/aggregate-update';
import { publishShipmentDelivered, publishShipmentDispatched } from '../events/publishers';
import { completeIfSettled, moveStatus, recordSteps } from '../order/order-steps';
import { OrderEntity } from '../order/order.entity';
import { lockOrder } from '../order/order.query';
import { fulfilmentStatusMachine } from './fulfilment-status.machine';
import { ShipmentEntity } from './shipment.entity';
import { ShipmentNotFoundError } from './shipment.errors';

export interface DispatchArgs {
  orderId: string;
  carrier?: string | null;
  trackingCode?: string | null;
  isPartial?: boolean | null;
}

export class ShipmentService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /** Only a CONFIRMED order ships: a PENDING one is not agreed yet, a CANCELLED one never will be. */
  dispatchShipment(caller: Caller, args: DispatchArgs): Promise<OrderEntity> {
    const errors = new FieldErrors();
    const carrier = optionalText(errors, 'carrier', args.carrier, LIMITS.shortText);
    const trackingCode = optionalText(errors, 'trackingCode', args.trackingCode, LIMITS.shortText);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const order = await lockOrder(manager, caller.tenantId, args.orderId);
      if (order.status !== 'CONFIRMED') {
        throw new ConflictError(
          `the order's status is ${order.status}: only a CONFIRMED order can be shipped`,
        );
      }
      const target = args.isPartial ? 'PARTIALLY_SHIPPED' : 'SHIPPED';
      // Another partial shipment of a partially shipped order moves nothing; anything else must be legal.
      const step = moveStatus(order, fulfilmentStatusMachine, target);
      const dispatchedAt = new Date();
      const shipment = manager.create(ShipmentEntity, {
        tenantId: caller.tenantId,
        id: uuidv7(),
        orderId: order.id,
        carrier,
        trackingCode,
        dispatchedAt,
        deliveredAt: null,
      });
      await manager.insert(ShipmentEntity, shipment);
      await updateAggregate(manager, OrderEntity, order, { fulfilmentStatus: order.fulfilmentStatus });
      await publishShipmentDispatched(manager, order, shipment, caller.userId);
      await recordSteps(manager, order, [step], dispatchedAt, caller.userId, shipment);
      return order;
    });
  }

  /**
   * Idempotent per shipment. The order becomes DELIVERED once it is fully shipped and every
   * shipment has arrived, and COMPLETED if it is also paid.
   */
  markDelivered(caller: Caller, shipmentId: string): Promise<OrderEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const found = isUuid(shipmentId)
        ? await manager.findOneBy(ShipmentEntity, {
            tenantId: caller.tenantId,
            id: canonicalUuid(shipmentId),
          })
        : null;
      if (!found) throw new ShipmentNotFoundError(shipmentId);
      const order = await lockOrder(manager, caller.tenantId, found.orderId);
      const shipment = await manager.findOneByOrFail(ShipmentEntity, {
        tenantId: caller.tenantId,
        id: found.id,
      });
      if (shipment.deliveredAt) return order;
      const deliveredAt = new Date();
      shipment.deliveredAt = deliveredAt;
      await manager.update(ShipmentEntity, { tenantId: caller.tenantId, id: shipment.id }, { deliveredAt });
      const undelivered = await manager
        .createQueryBuilder(ShipmentEntity, 'shipment')
        .where(
          'shipment.tenantId = :tenantId AND shipment.orderId = :orderId AND shipment.deliveredAt IS NULL',
          {
            tenantId: caller.tenantId,
            orderId: order.id,
          },
        )
        .getCount();
      const steps =
        order.fulfilmentStatus === 'SHIPPED' && undelivered === 0
          ? [moveStatus(order, fulfilmentStatusMachine, 'DELIVERED')]
          : [];
      steps.push(completeIfSettled(order));
      await updateAggregate(manager, OrderEntity, order, {
        fulfilmentStatus: order.fulfilmentStatus,
        status: order.status,
      });
      await publishShipmentDelivered(manager, order, shipment, deliveredAt, caller.userId);
      await recordSteps(manager, order, steps, deliveredAt, caller.userId, shipment);
      return order;
    });
  }

  markReturned(caller: Caller, orderId: string): Promise<OrderEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const order = await lockOrder(manager, caller.tenantId, orderId);
      const step = moveStatus(order, fulfilmentStatusMachine, 'RETURNED');
      if (!step) return order;
      await updateAggregate(manager, OrderEntity, order, { fulfilmentStatus: order.fulfilmentStatus });
      await recordSteps(manager, order, [step], order.updatedAt, caller.userId);
      return order;
    });
  }
}
