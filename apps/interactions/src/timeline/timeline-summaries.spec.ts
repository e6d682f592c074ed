import { OrderStatusChanged, QuoteSent } from '@crm/events';
import { TIMELINE_MIRRORS } from './timeline-summaries';

function summarise(type: string, data: unknown) {
  const mirror = TIMELINE_MIRRORS.find((candidate) => candidate.definition.type === type);
  return mirror?.summarise(data as never) ?? null;
}

const order = {
  orderId: '0190f7c2-0000-7000-8000-000000000001',
  number: '1042',
  accountId: '0190f7c2-0000-7000-8000-000000000002',
  salesModel: 'B2C',
  channel: 'WEB',
  campaignId: null,
  total: { amountMinor: '1000', currency: 'IRR' },
  carrier: null,
  trackingCode: null,
  from: 'X',
  changedAt: '2026-11-26T10:00:00.000Z',
};

describe('timeline summaries', () => {
  it('says what happened to an order, at the time it happened', () => {
    expect(
      summarise(OrderStatusChanged.type, {
        ...order,
        machine: 'FULFILMENT',
        to: 'SHIPPED',
        trackingCode: 'ABC123',
      }),
    ).toEqual({
      accountId: order.accountId,
      at: new Date('2026-11-26T10:00:00.000Z'),
      summary: 'Order #1042 shipped — tracking ABC123',
    });
    expect(summarise(OrderStatusChanged.type, { ...order, machine: 'ORDER', to: 'CONFIRMED' })?.summary).toBe(
      'Order #1042 confirmed',
    );
  });

  it('leaves payment transitions and cancellations to PaymentRecorded and OrderCancelled', () => {
    expect(summarise(OrderStatusChanged.type, { ...order, machine: 'PAYMENT', to: 'PAID' })).toBeNull();
    expect(summarise(OrderStatusChanged.type, { ...order, machine: 'ORDER', to: 'CANCELLED' })).toBeNull();
  });

  it('names the deal a quote was sent for', () => {
    expect(
      summarise(QuoteSent.type, {
        quoteId: order.orderId,
        number: 'Q-7',
        opportunityName: 'Acme ERP rollout',
        accountId: order.accountId,
        sentAt: '2026-11-26T10:00:00.000Z',
      })?.summary,
    ).toBe("Quote Q-7 sent for 'Acme ERP rollout'");
  });

  it('mirrors each event type once', () => {
    const types = TIMELINE_MIRRORS.map((mirror) => mirror.definition.type);
    expect(new Set(types).size).toBe(types.length);
  });
});
