import type {
  EventData,
  EventEnvelope,
  OrderCancelled,
  OrderPlaced,
  OrderStatusChanged,
  PaymentRecorded,
  PaymentRefunded,
} from '@crm/events';
import type { ProjectionScope } from './read-model-scope';
import { changeOrders } from './sales-rollup';
import { survivingAccountSql } from './surviving-account';

/** The facts every order event carries (orders' `orderFacts`). */
type OrderFacts = Pick<
  EventData<typeof PaymentRecorded>,
  'orderId' | 'number' | 'accountId' | 'salesModel' | 'channel' | 'campaignId' | 'total'
>;

/**
 * The order row as far as any order event tells it. A payment may arrive before its OrderPlaced
 * (another partition, a replay): then the row exists without `placed_at`, and the payment waits in
 * the facts until OrderPlaced supplies the owner and makes the order count.
 */
async function ensureOrderRow(scope: ProjectionScope, order: OrderFacts): Promise<void> {
  await scope.manager.query(
    `INSERT INTO "order_fact" ("tenant_id", "order_id", "number", "account_id", "sales_model", "channel",
       "campaign_id", "currency", "total_minor")
     VALUES ($1, $2, $3, ${survivingAccountSql('$1', '$4')}, $5, $6, $7, $8, $9)
     ON CONFLICT ("tenant_id", "order_id") DO NOTHING`,
    [
      scope.tenantId,
      order.orderId,
      order.number,
      order.accountId,
      order.salesModel,
      order.channel,
      order.campaignId,
      order.total.currency,
      order.total.amountMinor,
    ],
  );
}

export async function placeOrder(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OrderPlaced>>,
): Promise<void> {
  const order = event.data;
  const { manager, tenantId } = scope;
  await ensureOrderRow(scope, order);
  await changeOrders(scope, [order.orderId], async () => {
    // One statement: the order's placement and its lines.
    await manager.query(
      `WITH placed AS (
         UPDATE "order_fact" SET "owner_id" = $4, "opportunity_id" = $5, "placed_at" = $6,
           "status" = COALESCE("status", $7), "sales_model" = $8, "channel" = $9, "campaign_id" = $10
         WHERE "tenant_id" = $1 AND "order_id" = $2
       )
       INSERT INTO "order_line_fact" ("tenant_id", "order_id", "line_number", "product_id", "category",
         "quantity", "total_minor", "currency")
       SELECT $1, $2, line."n", line."productId", line."category", line."quantity", line."totalMinor", line."currency"
       FROM jsonb_to_recordset($3::jsonb) AS line("n" int, "productId" uuid, "category" text, "quantity" int,
         "totalMinor" bigint, "currency" text)
       ON CONFLICT DO NOTHING`,
      [
        tenantId,
        order.orderId,
        JSON.stringify(
          order.lines.map((line, index) => ({
            n: index + 1,
            productId: line.productId,
            category: line.category,
            quantity: line.quantity,
            totalMinor: line.total.amountMinor,
            currency: line.total.currency,
          })),
        ),
        order.ownerId,
        order.opportunityId,
        order.placedAt,
        order.status,
        order.salesModel,
        order.channel,
        order.campaignId,
      ],
    );
  });
}

/** Order status is informational here (revenue follows money, not status); kept for exports. */
export async function changeOrderStatus(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OrderStatusChanged>>,
): Promise<void> {
  await ensureOrderRow(scope, event.data);
  if (event.data.machine !== 'ORDER') return;
  await scope.manager.query(
    `UPDATE "order_fact" SET "status" = $3 WHERE "tenant_id" = $1 AND "order_id" = $2`,
    [scope.tenantId, event.data.orderId, event.data.to],
  );
}

export async function cancelOrder(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof OrderCancelled>>,
): Promise<void> {
  await ensureOrderRow(scope, event.data);
  await scope.manager.query(
    `UPDATE "order_fact" SET "status" = 'CANCELLED', "cancelled_at" = $3 WHERE "tenant_id" = $1 AND "order_id" = $2`,
    [scope.tenantId, event.data.orderId, event.data.cancelledAt],
  );
}

async function recordMoneyMovement(
  scope: ProjectionScope,
  movement: {
    id: string;
    kind: 'PAYMENT' | 'REFUND';
    orderId: string;
    amountMinor: bigint;
    currency: string;
    at: string;
  },
): Promise<void> {
  await changeOrders(scope, [movement.orderId], async () => {
    await scope.manager.query(
      `INSERT INTO "money_movement_fact" ("tenant_id", "movement_id", "kind", "order_id", "amount_minor", "currency", "occurred_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        scope.tenantId,
        movement.id,
        movement.kind,
        movement.orderId,
        movement.amountMinor.toString(),
        movement.currency,
        movement.at,
      ],
    );
  });
}

export async function recordPayment(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof PaymentRecorded>>,
): Promise<void> {
  const payment = event.data;
  await ensureOrderRow(scope, payment);
  await recordMoneyMovement(scope, {
    id: payment.paymentId,
    kind: 'PAYMENT',
    orderId: payment.orderId,
    amountMinor: BigInt(payment.amount.amountMinor),
    currency: payment.amount.currency,
    at: payment.receivedAt,
  });
}

export async function recordRefund(
  scope: ProjectionScope,
  event: EventEnvelope<EventData<typeof PaymentRefunded>>,
): Promise<void> {
  const refund = event.data;
  await ensureOrderRow(scope, refund);
  await recordMoneyMovement(scope, {
    id: refund.refundId,
    kind: 'REFUND',
    orderId: refund.orderId,
    amountMinor: -BigInt(refund.amount.amountMinor),
    currency: refund.amount.currency,
    at: refund.refundedAt,
  });
}
