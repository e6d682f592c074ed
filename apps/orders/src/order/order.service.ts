import type { EntityManager } from 'typeorm';
import { isUniqueViolation, type TenantScopedDatabase } from '@crm/database';
import { type Caller, ConflictError, FieldErrors, LIMITS, requiredText } from '@crm/subgraph';
import { requireAccountProfile } from '../account-profile/account-profile.query';
import { updateAggregate } from '../common/aggregate-update';
import { payloadHash } from '../common/payload-hash';
import { publishOrderCancelled } from '../events/publishers';
import type { PlaceOrderInput } from '../generated/graphql';
import { loadCandidateLists } from '../price-list/price-list.query';
import { findProducts } from '../product/product.service';
import { sumLines } from './order-arithmetic';
import { priceOrderLines, readOrderRequest, type OrderRequest } from './order-placement';
import { orderStatusMachine } from './order-status.machine';
import { moveStatus, recordSteps } from './order-steps';
import { insertOrder } from './order-writer';
import { OrderEntity } from './order.entity';
import { IdempotencyKeyReusedError } from './order.errors';
import { findOrderByIdempotencyKey, lockOrder } from './order.query';

export class OrderService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /**
   * Idempotent: a retry with the same key and the same request returns the order the first call
   * created and changes nothing; the same key with a different request is a CONFLICT. Concurrent
   * retries race to insert; the unique index on the key lets exactly one win, and the others roll
   * back (number included) and read the winner's order.
   */
  async placeOrder(caller: Caller, input: PlaceOrderInput): Promise<OrderEntity> {
    const errors = new FieldErrors('input');
    const request = readOrderRequest(errors, input, caller);
    errors.throwIfAny();
    const hash = payloadHash({ ...request, idempotencyKey: undefined });
    try {
      return await this.database.inTenant(caller.tenantId, async (manager) => {
        const existing = await findOrderByIdempotencyKey(manager, caller.tenantId, request.idempotencyKey);
        if (existing) return sameRequestOrConflict(existing, hash);
        return this.createOrder(manager, caller, request, hash);
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'orders_idempotency_key')) throw error;
      const winner = await this.database.inTenant(caller.tenantId, (manager) =>
        findOrderByIdempotencyKey(manager, caller.tenantId, request.idempotencyKey),
      );
      if (!winner) throw error;
      return sameRequestOrConflict(winner, hash);
    }
  }

  confirmOrder(caller: Caller, id: string): Promise<OrderEntity> {
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const order = await lockOrder(manager, caller.tenantId, id);
      const step = moveStatus(order, orderStatusMachine, 'CONFIRMED');
      if (!step) return order; // confirming twice is a retry, not a conflict
      await updateAggregate(manager, OrderEntity, order, { status: order.status });
      await recordSteps(manager, order, [step], order.updatedAt, caller.userId);
      return order;
    });
  }

  /** Only before anything has left the warehouse: a dispatched order is returned, not cancelled. */
  cancelOrder(caller: Caller, id: string, reasonText: string): Promise<OrderEntity> {
    const errors = new FieldErrors();
    const reason = requiredText(errors, 'reason', reasonText, LIMITS.name);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const order = await lockOrder(manager, caller.tenantId, id);
      if (order.fulfilmentStatus !== 'UNFULFILLED') {
        throw new ConflictError(
          `the order's fulfilment status is ${order.fulfilmentStatus}: only an UNFULFILLED order can become CANCELLED`,
        );
      }
      const step = moveStatus(order, orderStatusMachine, 'CANCELLED');
      if (!step) return order;
      await updateAggregate(manager, OrderEntity, order, {
        status: order.status,
        cancellationReason: reason,
      });
      await recordSteps(manager, order, [step], order.updatedAt, caller.userId);
      await publishOrderCancelled(manager, order, reason, order.updatedAt, caller.userId);
      return order;
    });
  }

  private async createOrder(
    manager: EntityManager,
    caller: Caller,
    request: OrderRequest,
    hash: string,
  ): Promise<OrderEntity> {
    const tenantId = caller.tenantId;
    const buyer = await requireAccountProfile(manager, tenantId, request.accountId, 'input.accountId');
    const productIds = [...new Set(request.lines.map((line) => line.productId))];
    const products = new Map(
      (await findProducts(manager, tenantId, productIds)).map((product) => [product.id, product]),
    );
    const lists = await loadCandidateLists(manager, tenantId, buyer, productIds);
    const errors = new FieldErrors('input');
    const priced = priceOrderLines(errors, request, buyer, products, lists);
    errors.throwIfAny();
    return insertOrder(
      manager,
      {
        tenantId,
        accountId: request.accountId,
        contactId: request.contactId,
        salesModel: buyer.salesModel,
        channel: request.channel,
        currency: priced.currency,
        campaignId: request.campaignId,
        opportunityId: null,
        quoteId: null,
        idempotencyKey: request.idempotencyKey,
        payloadHash: hash,
        amounts: sumLines(priced.lines),
        lines: priced.lines.map((line) => ({
          productId: line.product.id,
          sku: line.product.sku,
          description: line.product.name,
          category: line.product.category,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor.toString(),
          discountBasisPoints: line.discountBasisPoints,
          taxRateBasisPoints: line.taxRateBasisPoints,
          grossMinor: line.grossMinor.toString(),
          discountMinor: line.discountMinor.toString(),
          taxMinor: line.taxMinor.toString(),
          totalMinor: line.totalMinor.toString(),
        })),
      },
      caller.userId,
    );
  }
}

function sameRequestOrConflict(order: OrderEntity, hash: string): OrderEntity {
  if (order.payloadHash !== hash) throw new IdempotencyKeyReusedError('order');
  return order;
}
