import { z } from 'zod';
import { defineEvent } from '../define-event';
import { isoDateTimeSchema, moneySchema, salesModelSchema } from './shared-schemas';

const productType = z.enum(['GOODS', 'SERVICE', 'SUBSCRIPTION']);
export const orderChannelSchema = z.enum(['WEB', 'STORE', 'SALES_REP', 'PHONE', 'MARKETPLACE']);
export const orderStatusSchema = z.enum(['PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED']);
export const paymentStatusSchema = z.enum([
  'UNPAID',
  'PARTIALLY_PAID',
  'PAID',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
]);
export const fulfilmentStatusSchema = z.enum([
  'UNFULFILLED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'RETURNED',
]);
const paymentMethod = z.enum(['CARD', 'ONLINE_GATEWAY', 'BANK_TRANSFER', 'CASH', 'CHEQUE', 'CREDIT']);

export const ProductUpserted = defineEvent({
  service: 'orders',
  name: 'ProductUpserted',
  version: 1,
  schema: z.object({
    productId: z.uuid(),
    sku: z.string(),
    name: z.string(),
    type: productType,
    category: z.string().nullable(),
    unit: z.string(),
    taxRatePercent: z.number().min(0),
    active: z.boolean(),
  }),
});

/** The whole list after the change: a projection replaces its copy instead of patching it. */
export const PriceListUpdated = defineEvent({
  service: 'orders',
  name: 'PriceListUpdated',
  version: 1,
  schema: z.object({
    priceListId: z.uuid(),
    name: z.string(),
    salesModel: salesModelSchema,
    tier: z.string().nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    taxInclusive: z.boolean(),
    isDefault: z.boolean(),
    entries: z.array(
      z.object({
        productId: z.uuid(),
        minQuantity: z.number().int().positive(),
        unitPriceMinor: z.string().regex(/^\d+$/),
      }),
    ),
  }),
});

export const orderLineSchema = z.object({
  productId: z.uuid(),
  sku: z.string(),
  productName: z.string(),
  category: z.string().nullable(),
  quantity: z.number().int().positive(),
  unitPrice: moneySchema,
  discountPercent: z.number().min(0).max(100),
  tax: moneySchema,
  total: moneySchema,
});

/** What every order event carries: enough for revenue by model/channel/campaign without a join. */
const orderFacts = z.object({
  orderId: z.uuid(),
  number: z.string(),
  accountId: z.uuid(),
  salesModel: salesModelSchema,
  channel: orderChannelSchema,
  campaignId: z.uuid().nullable(),
  total: moneySchema,
});

export const OrderPlaced = defineEvent({
  service: 'orders',
  name: 'OrderPlaced',
  version: 1,
  schema: orderFacts.extend({
    contactId: z.uuid().nullable(),
    opportunityId: z.uuid().nullable(),
    quoteId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    lines: z.array(orderLineSchema).min(1),
    subtotal: moneySchema,
    discount: moneySchema,
    tax: moneySchema,
    status: orderStatusSchema,
    paymentStatus: paymentStatusSchema,
    fulfilmentStatus: fulfilmentStatusSchema,
    placedAt: isoDateTimeSchema,
  }),
});

/** One transition of one of the order's three state machines. */
export const OrderStatusChanged = defineEvent({
  service: 'orders',
  name: 'OrderStatusChanged',
  version: 1,
  schema: orderFacts.extend({
    machine: z.enum(['ORDER', 'PAYMENT', 'FULFILMENT']),
    from: z.string(),
    to: z.string(),
    carrier: z.string().nullable(),
    trackingCode: z.string().nullable(),
    changedAt: isoDateTimeSchema,
  }),
});

export const OrderCancelled = defineEvent({
  service: 'orders',
  name: 'OrderCancelled',
  version: 1,
  schema: orderFacts.extend({ reason: z.string().min(1), cancelledAt: isoDateTimeSchema }),
});

export const PaymentRecorded = defineEvent({
  service: 'orders',
  name: 'PaymentRecorded',
  version: 1,
  schema: orderFacts.extend({
    paymentId: z.uuid(),
    amount: moneySchema,
    method: paymentMethod,
    reference: z.string().nullable(),
    paidTotal: moneySchema,
    paymentStatus: paymentStatusSchema,
    receivedAt: isoDateTimeSchema,
  }),
});

export const PaymentRefunded = defineEvent({
  service: 'orders',
  name: 'PaymentRefunded',
  version: 1,
  schema: orderFacts.extend({
    refundId: z.uuid(),
    paymentId: z.uuid(),
    amount: moneySchema,
    reason: z.string().min(1),
    refundedTotal: moneySchema,
    paymentStatus: paymentStatusSchema,
    refundedAt: isoDateTimeSchema,
  }),
});

export const ShipmentDispatched = defineEvent({
  service: 'orders',
  name: 'ShipmentDispatched',
  version: 1,
  schema: orderFacts.extend({
    shipmentId: z.uuid(),
    carrier: z.string().nullable(),
    trackingCode: z.string().nullable(),
    dispatchedAt: isoDateTimeSchema,
  }),
});

export const ShipmentDelivered = defineEvent({
  service: 'orders',
  name: 'ShipmentDelivered',
  version: 1,
  schema: orderFacts.extend({ shipmentId: z.uuid(), deliveredAt: isoDateTimeSchema }),
});

export const ordersEvents = [
  ProductUpserted,
  PriceListUpdated,
  OrderPlaced,
  OrderStatusChanged,
  OrderCancelled,
  PaymentRecorded,
  PaymentRefunded,
  ShipmentDispatched,
  ShipmentDelivered,
];
