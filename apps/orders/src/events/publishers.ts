import type { EntityManager } from 'typeorm';
import {
  AccountErasureCompletedBy,
  OrderCancelled,
  OrderPlaced,
  OrderStatusChanged,
  PaymentRecorded,
  PaymentRefunded,
  PriceListUpdated,
  ProductUpserted,
  ShipmentDelivered,
  ShipmentDispatched,
  type EventEnvelope,
} from '@crm/events';
import { factsAbout, publishEvent } from '@crm/messaging';
import { money } from '../common/money';
import type { StateMachine } from '../common/state-machine';
import type { OrderLineEntity } from '../order/order-line.entity';
import type { OrderEntity } from '../order/order.entity';
import { basisPointsToPercent } from '../order/order-arithmetic';
import type { PaymentEntity } from '../payment/payment.entity';
import type { RefundEntity } from '../payment/refund.entity';
import type { PriceEntryEntity } from '../price-list/price-entry.entity';
import type { PriceListEntity } from '../price-list/price-list.entity';
import type { ProductEntity } from '../product/product.entity';
import type { ShipmentEntity } from '../shipment/shipment.entity';

/**
 * Which state changes become which events. Each runs inside the transaction of the change, so an
 * event is in the outbox if and only if its change committed; `sequence` is the version after it.
 * `actorId` is a user id or 'system'.
 */

/** What every order event carries: revenue by model, channel and campaign without a join. */
function orderFacts(order: OrderEntity) {
  return {
    orderId: order.id,
    number: order.number,
    accountId: order.accountId,
    salesModel: order.salesModel,
    channel: order.channel,
    campaignId: order.campaignId,
    total: money(order.totalMinor, order.currency),
  };
}

export async function publishProductUpserted(
  manager: EntityManager,
  product: ProductEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ProductUpserted, {
    ...factsAbout(product, actorId),
    data: {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      type: product.type,
      category: product.category,
      unit: product.unit,
      taxRatePercent: basisPointsToPercent(product.taxRateBasisPoints),
      active: product.active,
    },
  });
}

export async function publishPriceListUpdated(
  manager: EntityManager,
  list: PriceListEntity,
  entries: readonly PriceEntryEntity[],
  actorId: string,
): Promise<void> {
  await publishEvent(manager, PriceListUpdated, {
    ...factsAbout(list, actorId),
    data: {
      priceListId: list.id,
      name: list.name,
      salesModel: list.salesModel,
      tier: list.tier,
      currency: list.currency,
      taxInclusive: list.taxInclusive,
      isDefault: list.isDefault,
      entries: entries.map((entry) => ({
        productId: entry.productId,
        minQuantity: entry.minQuantity,
        unitPriceMinor: entry.unitPriceMinor,
      })),
    },
  });
}

/** Returns the envelope, whose id lets the writer put the order's number into it (order-writer.ts). */
export async function publishOrderPlaced(
  manager: EntityManager,
  order: OrderEntity,
  lines: readonly OrderLineEntity[],
  actorId: string,
): Promise<EventEnvelope> {
  const inCurrency = (amountMinor: string) => money(amountMinor, order.currency);
  return publishEvent(manager, OrderPlaced, {
    ...factsAbout(order, actorId),
    occurredAt: order.placedAt,
    data: {
      ...orderFacts(order),
      contactId: order.contactId,
      opportunityId: order.opportunityId,
      quoteId: order.quoteId,
      ownerId: order.ownerId,
      lines: lines.map((line) => ({
        productId: line.productId,
        sku: line.sku,
        productName: line.description,
        category: line.category,
        quantity: line.quantity,
        unitPrice: inCurrency(line.unitPriceMinor),
        discountPercent: basisPointsToPercent(line.discountBasisPoints),
        tax: inCurrency(line.taxMinor),
        total: inCurrency(line.totalMinor),
      })),
      subtotal: inCurrency(order.subtotalMinor),
      discount: inCurrency(order.discountMinor),
      tax: inCurrency(order.taxMinor),
      status: order.status,
      paymentStatus: order.paymentStatus,
      fulfilmentStatus: order.fulfilmentStatus,
      placedAt: order.placedAt.toISOString(),
    },
  });
}

export interface StatusStep {
  machine: StateMachine<string>;
  from: string;
  to: string;
}

export async function publishOrderStatusChanged(
  manager: EntityManager,
  order: OrderEntity,
  step: StatusStep,
  changedAt: Date,
  actorId: string,
  shipment: ShipmentEntity | null = null,
): Promise<void> {
  await publishEvent(manager, OrderStatusChanged, {
    ...factsAbout(order, actorId),
    occurredAt: changedAt,
    data: {
      ...orderFacts(order),
      machine: step.machine.name,
      from: step.from,
      to: step.to,
      carrier: shipment?.carrier ?? null,
      trackingCode: shipment?.trackingCode ?? null,
      changedAt: changedAt.toISOString(),
    },
  });
}

export async function publishOrderCancelled(
  manager: EntityManager,
  order: OrderEntity,
  reason: string,
  cancelledAt: Date,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, OrderCancelled, {
    ...factsAbout(order, actorId),
    occurredAt: cancelledAt,
    data: { ...orderFacts(order), reason, cancelledAt: cancelledAt.toISOString() },
  });
}

export async function publishPaymentRecorded(
  manager: EntityManager,
  order: OrderEntity,
  payment: PaymentEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, PaymentRecorded, {
    ...factsAbout(order, actorId),
    occurredAt: payment.receivedAt,
    data: {
      ...orderFacts(order),
      paymentId: payment.id,
      amount: money(payment.amountMinor, payment.currency),
      method: payment.method,
      reference: payment.reference,
      paidTotal: money(order.paidMinor, order.currency),
      paymentStatus: order.paymentStatus,
      receivedAt: payment.receivedAt.toISOString(),
    },
  });
}

export async function publishPaymentRefunded(
  manager: EntityManager,
  order: OrderEntity,
  refund: RefundEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, PaymentRefunded, {
    ...factsAbout(order, actorId),
    occurredAt: refund.refundedAt,
    data: {
      ...orderFacts(order),
      refundId: refund.id,
      paymentId: refund.paymentId,
      amount: money(refund.amountMinor, order.currency),
      reason: refund.reason,
      refundedTotal: money(order.refundedMinor, order.currency),
      paymentStatus: order.paymentStatus,
      refundedAt: refund.refundedAt.toISOString(),
    },
  });
}

export async function publishShipmentDispatched(
  manager: EntityManager,
  order: OrderEntity,
  shipment: ShipmentEntity,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ShipmentDispatched, {
    ...factsAbout(order, actorId),
    occurredAt: shipment.dispatchedAt,
    data: {
      ...orderFacts(order),
      shipmentId: shipment.id,
      carrier: shipment.carrier,
      trackingCode: shipment.trackingCode,
      dispatchedAt: shipment.dispatchedAt.toISOString(),
    },
  });
}

export async function publishShipmentDelivered(
  manager: EntityManager,
  order: OrderEntity,
  shipment: ShipmentEntity,
  deliveredAt: Date,
  actorId: string,
): Promise<void> {
  await publishEvent(manager, ShipmentDelivered, {
    ...factsAbout(order, actorId),
    occurredAt: deliveredAt,
    data: { ...orderFacts(order), shipmentId: shipment.id, deliveredAt: deliveredAt.toISOString() },
  });
}

/** Orders' acknowledgement of an erasure, keyed by the account (accounts collects one per service). */
export async function publishErasureCompleted(
  manager: EntityManager,
  tenantId: string,
  accountId: string,
  completedAt: Date,
): Promise<void> {
  await publishEvent(manager, AccountErasureCompletedBy.orders, {
    tenantId,
    actorId: 'system',
    aggregateId: accountId,
    aggregateVersion: 1,
    occurredAt: completedAt,
    data: { accountId, service: 'orders', completedAt: completedAt.toISOString() },
  });
}
