import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { actorColumn } from '../common/actor';
import type { OrderChannel, SalesModel } from '../common/enums';
import { publishOrderPlaced } from '../events/publishers';
import type { OrderAmounts } from './order-arithmetic';
import { OrderLineEntity } from './order-line.entity';
import { OrderStatusChangeEntity } from './order-status-change.entity';
import { OrderEntity } from './order.entity';

/** Everything a new order is made of, however it came (placeOrder, an accepted quote). */
export interface OrderDraft {
  tenantId: string;
  accountId: string;
  contactId: string | null;
  salesModel: SalesModel;
  channel: OrderChannel;
  currency: string;
  campaignId: string | null;
  opportunityId: string | null;
  quoteId: string | null;
  idempotencyKey: string;
  payloadHash: string;
  amounts: OrderAmounts;
  lines: Omit<OrderLineEntity, 'tenantId' | 'orderId' | 'position' | 'order' | 'product'>[];
}

/**
 * Gives the order its number, the tenant's next, as the transaction's last statement: one statement
 * bumps the counter row, writes the number into the order and into its OrderPlaced outbox row. The
 * counter row stays locked from here to COMMIT only, so concurrent placements wait for each other
 * for one round trip rather than for the whole order being written; and a rolled-back placement
 * gives its number back, so numbers stay gap-free. `lpad` would truncate past six digits, hence
 * the CASE.
 */
async function numberOrder(
  manager: EntityManager,
  order: OrderEntity,
  orderPlacedEventId: string,
): Promise<string> {
  // TypeORM answers an UPDATE … RETURNING with [rows, affected row count].
  const [[row]] = (await manager.query(
    `WITH "counter" AS (
       INSERT INTO "order_counters" ("tenant_id", "last_number") VALUES ($1, 1)
       ON CONFLICT ("tenant_id") DO UPDATE SET "last_number" = "order_counters"."last_number" + 1
       RETURNING "last_number"::text AS "digits"
     ), "numbered" AS (
       UPDATE "orders" SET "number" = $4 || CASE WHEN length("counter"."digits") < 6 THEN lpad("counter"."digits", 6, '0') ELSE "counter"."digits" END
       FROM "counter" WHERE "orders"."tenant_id" = $1 AND "orders"."id" = $2
       RETURNING "orders"."number"
     )
     UPDATE "outbox" SET "envelope" = jsonb_set("outbox"."envelope", '{data,number}', to_jsonb("numbered"."number"))
     FROM "numbered" WHERE "outbox"."id" = $3
     RETURNING "numbered"."number"`,
    [order.tenantId, order.id, orderPlacedEventId, ORDER_NUMBER_PREFIX],
  )) as [{ number: string }[], number];
  if (!row) throw new Error(`order ${order.id} could not be numbered`);
  return row.number;
}

const ORDER_NUMBER_PREFIX = 'ORD-';

/**
 * Stores, announces and numbers a new order: the order, its lines, the first statusHistory entry
 * and OrderPlaced, all in the caller's transaction, which must commit right after (see numberOrder).
 */
export async function insertOrder(
  manager: EntityManager,
  draft: OrderDraft,
  actorId: string,
): Promise<OrderEntity> {
  const placedAt = new Date();
  const orderId = uuidv7();
  const order = manager.create(OrderEntity, {
    tenantId: draft.tenantId,
    id: orderId,
    // Unique and never seen outside this transaction: numberOrder replaces it before COMMIT.
    number: `#${orderId}`,
    accountId: draft.accountId,
    contactId: draft.contactId,
    salesModel: draft.salesModel,
    channel: draft.channel,
    currency: draft.currency,
    status: 'PENDING',
    paymentStatus: 'UNPAID',
    fulfilmentStatus: 'UNFULFILLED',
    subtotalMinor: draft.amounts.subtotalMinor.toString(),
    discountMinor: draft.amounts.discountMinor.toString(),
    taxMinor: draft.amounts.taxMinor.toString(),
    totalMinor: draft.amounts.totalMinor.toString(),
    paidMinor: '0',
    refundedMinor: '0',
    opportunityId: draft.opportunityId,
    quoteId: draft.quoteId,
    campaignId: draft.campaignId,
    ownerId: actorColumn(actorId),
    cancellationReason: null,
    idempotencyKey: draft.idempotencyKey,
    payloadHash: draft.payloadHash,
    placedAt,
    personalDataErasedAt: null,
    createdAt: placedAt,
    updatedAt: placedAt,
    version: 1,
  });
  await manager.insert(OrderEntity, order);
  const lines = draft.lines.map((line, position) =>
    manager.create(OrderLineEntity, { ...line, tenantId: draft.tenantId, orderId: order.id, position }),
  );
  await manager.insert(OrderLineEntity, lines);
  await manager.insert(OrderStatusChangeEntity, {
    tenantId: draft.tenantId,
    id: uuidv7(),
    orderId: order.id,
    field: 'status',
    fromStatus: null,
    toStatus: 'PENDING',
    changedAt: placedAt,
    changedBy: actorColumn(actorId),
  });
  const placed = await publishOrderPlaced(manager, order, lines, actorId);
  order.number = await numberOrder(manager, order, placed.id);
  return order;
}
