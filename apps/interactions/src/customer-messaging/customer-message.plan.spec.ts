import type { EventData, OrderStatusChanged } from '@crm/events';
import { planForPayment, planForStatusChange } from './customer-message.plan';

const order = {
  orderId: '0190f7c2-0000-7000-8000-000000000001',
  number: '1042',
  accountId: '0190f7c2-0000-7000-8000-000000000002',
  salesModel: 'B2C' as const,
  channel: 'WEB' as const,
  campaignId: null,
  total: { amountMinor: '1000', currency: 'IRR' },
};

function change(
  machine: 'ORDER' | 'PAYMENT' | 'FULFILMENT',
  to: string,
): EventData<typeof OrderStatusChanged> {
  return {
    ...order,
    machine,
    from: 'X',
    to,
    carrier: null,
    trackingCode: 'T1',
    changedAt: '2026-11-26T10:00:00Z',
  };
}

describe('which order events a customer is told about', () => {
  it.each([
    ['ORDER', 'CONFIRMED', 'ORDER_CONFIRMED'],
    ['ORDER', 'CANCELLED', 'ORDER_CANCELLED'],
    ['FULFILMENT', 'SHIPPED', 'ORDER_SHIPPED'],
    ['FULFILMENT', 'DELIVERED', 'ORDER_DELIVERED'],
    ['ORDER', 'COMPLETED', null],
    ['PAYMENT', 'PAID', null],
    ['FULFILMENT', 'PARTIALLY_SHIPPED', null],
  ] as const)('%s → %s: %s', (machine, to, kind) => {
    expect(planForStatusChange(change(machine, to))?.kind ?? null).toBe(kind);
  });

  it('tells B2C customers about payments and B2B customers about nothing', () => {
    const payment = {
      ...order,
      paymentId: order.orderId,
      amount: order.total,
      method: 'CARD' as const,
      reference: null,
      paidTotal: order.total,
      paymentStatus: 'PAID' as const,
      receivedAt: '2026-11-26T10:00:00Z',
    };
    expect(planForPayment(payment)?.kind).toBe('PAYMENT_RECEIVED');
    expect(planForPayment({ ...payment, salesModel: 'B2B' })).toBeNull();
    expect(planForStatusChange({ ...change('FULFILMENT', 'SHIPPED'), salesModel: 'B2B' })).toBeNull();
  });
});
