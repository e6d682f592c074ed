import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation, type TenantScopedDatabase } from '@crm/database';
import {
  type Caller,
  canonicalUuid,
  ConflictError,
  FieldErrors,
  InvalidInputError,
  isUuid,
  LIMITS,
  optionalText,
  requiredText,
} from '@crm/subgraph';
import { actorColumn } from '../common/actor';
import { updateAggregate } from '../common/aggregate-update';
import { parseMinorUnits } from '../common/money';
import { payloadHash } from '../common/payload-hash';
import { publishPaymentRecorded, publishPaymentRefunded } from '../events/publishers';
import type { RecordPaymentInput } from '../generated/graphql';
import { completeIfSettled, moveStatus, recordSteps } from '../order/order-steps';
import { OrderEntity } from '../order/order.entity';
import { IdempotencyKeyReusedError } from '../order/order.errors';
import { lockOrder } from '../order/order.query';
import { PaymentEntity } from './payment.entity';
import { PaymentNotFoundError } from './payment.errors';
import { paymentStatusFor, paymentStatusMachine } from './payment-status.machine';
import { RefundEntity } from './refund.entity';

/** balance = total − paid + refunded: what the customer still owes. */
export function balanceOf(order: OrderEntity): bigint {
  return BigInt(order.totalMinor) - BigInt(order.paidMinor) + BigInt(order.refundedMinor);
}

export class PaymentService {
  constructor(private readonly database: TenantScopedDatabase) {}

  /**
   * Idempotent like placeOrder. The order lock is taken before the key is looked up, so concurrent
   * retries queue on the order and each later one finds the first one's payment.
   */
  async recordPayment(caller: Caller, input: RecordPaymentInput): Promise<OrderEntity> {
    const errors = new FieldErrors('input');
    const amountMinor = parseMinorUnits(input.amountMinor);
    if (amountMinor === null || amountMinor === 0n) {
      errors.add('amountMinor', 'must be a whole, positive number of minor units, e.g. "125000"');
    }
    const reference = optionalText(errors, 'reference', input.reference, LIMITS.name);
    const idempotencyKey = requiredText(errors, 'idempotencyKey', input.idempotencyKey, LIMITS.shortText);
    errors.throwIfAny();
    const hash = payloadHash({
      orderId: isUuid(input.orderId) ? canonicalUuid(input.orderId) : input.orderId,
      amountMinor: String(amountMinor),
      method: input.method,
      reference,
    });
    const record = () =>
      this.database.inTenant(caller.tenantId, async (manager) => {
        const order = await lockOrder(manager, caller.tenantId, input.orderId);
        const existing = await manager.findOneBy(PaymentEntity, {
          tenantId: caller.tenantId,
          idempotencyKey,
        });
        if (existing) {
          if (existing.payloadHash !== hash) throw new IdempotencyKeyReusedError('payment');
          return order;
        }
        return this.addPayment(manager, caller, order, {
          amountMinor: amountMinor as bigint,
          method: input.method,
          reference,
          idempotencyKey,
          hash,
        });
      });
    try {
      return await record();
    } catch (error) {
      // The same key used on another order at the same moment: the read-back settles it.
      if (!isUniqueViolation(error, 'payments_idempotency_key')) throw error;
      return record();
    }
  }

  /** Never more than what is left of the payment; the order's payment status follows the amounts. */
  refundPayment(
    caller: Caller,
    paymentId: string,
    amountText: string,
    reasonText: string,
  ): Promise<OrderEntity> {
    const errors = new FieldErrors();
    const amountMinor = parseMinorUnits(amountText);
    if (amountMinor === null || amountMinor === 0n) {
      errors.add('amountMinor', 'must be a whole, positive number of minor units, e.g. "125000"');
    }
    const reason = requiredText(errors, 'reason', reasonText, LIMITS.name);
    errors.throwIfAny();
    return this.database.inTenant(caller.tenantId, async (manager) => {
      const found = isUuid(paymentId)
        ? await manager.findOneBy(PaymentEntity, { tenantId: caller.tenantId, id: canonicalUuid(paymentId) })
        : null;
      if (!found) throw new PaymentNotFoundError(paymentId);
      const order = await lockOrder(manager, caller.tenantId, found.orderId);
      // Read again under the order lock: a concurrent refund may have just committed.
      const payment = await manager.findOneByOrFail(PaymentEntity, {
        tenantId: caller.tenantId,
        id: found.id,
      });
      const refundable = BigInt(payment.amountMinor) - BigInt(payment.refundedMinor);
      if ((amountMinor as bigint) > refundable) {
        throw new InvalidInputError([
          {
            field: 'amountMinor',
            message: `is more than what is left to refund of this payment (${refundable} ${payment.currency})`,
          },
        ]);
      }
      const refundedAt = new Date();
      const refund = manager.create(RefundEntity, {
        tenantId: caller.tenantId,
        id: uuidv7(),
        paymentId: payment.id,
        orderId: order.id,
        amountMinor: String(amountMinor),
        reason,
        refundedAt,
        refundedBy: actorColumn(caller.userId),
      });
      await manager.insert(RefundEntity, refund);
      await manager.update(
        PaymentEntity,
        { tenantId: caller.tenantId, id: payment.id },
        { refundedMinor: String(BigInt(payment.refundedMinor) + (amountMinor as bigint)) },
      );
      const refundedMinor = BigInt(order.refundedMinor) + (amountMinor as bigint);
      const step = moveStatus(
        order,
        paymentStatusMachine,
        paymentStatusFor(BigInt(order.totalMinor), BigInt(order.paidMinor), refundedMinor),
      );
      await updateAggregate(manager, OrderEntity, order, {
        refundedMinor: refundedMinor.toString(),
        paymentStatus: order.paymentStatus,
      });
      await publishPaymentRefunded(manager, order, refund, caller.userId);
      await recordSteps(manager, order, [step], refundedAt, caller.userId);
      return order;
    });
  }

  private async addPayment(
    manager: EntityManager,
    caller: Caller,
    order: OrderEntity,
    payment: {
      amountMinor: bigint;
      method: PaymentEntity['method'];
      reference: string | null;
      idempotencyKey: string;
      hash: string;
    },
  ): Promise<OrderEntity> {
    if (order.status === 'CANCELLED') {
      throw new ConflictError(`the order's status is CANCELLED: it takes no payments`);
    }
    const balance = balanceOf(order);
    if (payment.amountMinor > balance) {
      throw new InvalidInputError([
        {
          field: 'input.amountMinor',
          message: `is more than the order's balance (${balance} ${order.currency})`,
        },
      ]);
    }
    const paidMinor = BigInt(order.paidMinor) + payment.amountMinor;
    const steps = [
      moveStatus(
        order,
        paymentStatusMachine,
        paymentStatusFor(BigInt(order.totalMinor), paidMinor, BigInt(order.refundedMinor)),
      ),
    ];
    steps.push(completeIfSettled(order));
    const receivedAt = new Date();
    const entity = manager.create(PaymentEntity, {
      tenantId: caller.tenantId,
      id: uuidv7(),
      orderId: order.id,
      amountMinor: payment.amountMinor.toString(),
      currency: order.currency,
      method: payment.method,
      reference: payment.reference,
      idempotencyKey: payment.idempotencyKey,
      payloadHash: payment.hash,
      receivedAt,
      refundedMinor: '0',
      recordedBy: actorColumn(caller.userId),
    });
    await manager.insert(PaymentEntity, entity);
    await updateAggregate(manager, OrderEntity, order, {
      paidMinor: paidMinor.toString(),
      paymentStatus: order.paymentStatus,
      status: order.status,
    });
    await publishPaymentRecorded(manager, order, entity, caller.userId);
    await recordSteps(manager, order, steps, receivedAt, caller.userId);
    return order;
  }
}
