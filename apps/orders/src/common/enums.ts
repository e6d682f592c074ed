/** The contract's enums as value lists: entities, validation and the state machines share them. */
export const SALES_MODELS = ['B2B', 'B2C'] as const;
export type SalesModel = (typeof SALES_MODELS)[number];

export const PRODUCT_TYPES = ['GOODS', 'SERVICE', 'SUBSCRIPTION'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const ORDER_CHANNELS = ['WEB', 'STORE', 'SALES_REP', 'PHONE', 'MARKETPLACE'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_STATUSES = [
  'UNPAID',
  'PARTIALLY_PAID',
  'PAID',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const FULFILMENT_STATUSES = [
  'UNFULFILLED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'RETURNED',
] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const PAYMENT_METHODS = [
  'CARD',
  'ONLINE_GATEWAY',
  'BANK_TRANSFER',
  'CASH',
  'CHEQUE',
  'CREDIT',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
