import type { EventData, OrderStatusChanged, PaymentRecorded } from '@crm/events';
import type { CustomerMessageKind, MessageFacts } from './message-templates';

export interface PlannedCustomerMessage {
  kind: CustomerMessageKind;
  accountId: string;
  orderId: string;
  facts: Omit<MessageFacts, 'customerName'>;
}

const TRANSITIONS: Record<string, CustomerMessageKind> = {
  'ORDER:CONFIRMED': 'ORDER_CONFIRMED',
  'ORDER:CANCELLED': 'ORDER_CANCELLED',
  'FULFILMENT:SHIPPED': 'ORDER_SHIPPED',
  'FULFILMENT:DELIVERED': 'ORDER_DELIVERED',
};

/**
 * Which order transitions a consumer (B2C) customer is told about; businesses (B2B) get their
 * updates from their account manager, not from templates.
 */
export function planForStatusChange(
  data: EventData<typeof OrderStatusChanged>,
): PlannedCustomerMessage | null {
  const kind = TRANSITIONS[`${data.machine}:${data.to}`];
  if (!kind || data.salesModel !== 'B2C') return null;
  return {
    kind,
    accountId: data.accountId,
    orderId: data.orderId,
    facts: { orderNumber: data.number, trackingCode: data.trackingCode, carrier: data.carrier },
  };
}

export function planForPayment(data: EventData<typeof PaymentRecorded>): PlannedCustomerMessage | null {
  if (data.salesModel !== 'B2C') return null;
  return {
    kind: 'PAYMENT_RECEIVED',
    accountId: data.accountId,
    orderId: data.orderId,
    facts: { orderNumber: data.number, trackingCode: null, carrier: null },
  };
}
