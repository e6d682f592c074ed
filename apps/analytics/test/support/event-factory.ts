import { randomUUID } from 'node:crypto';
import {
  AccountCreated,
  AccountErased,
  AccountMerged,
  createEnvelope,
  OrderPlaced,
  PaymentRecorded,
  VisitRecorded,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@crm/events';
import { accountSnapshotFixture } from '@crm/testing';

/** Small, valid events for behaviour tests: one tenant, one currency, sensible defaults. */
export class EventFactory {
  private readonly versions = new Map<string, number>();

  /** `clock` gives each envelope's time (the producer's commit time); fixed unless a caller measures lag. */
  constructor(
    readonly tenantId: string = randomUUID(),
    private readonly clock: () => Date = () => new Date('2025-03-01T10:00:00Z'),
  ) {}

  event<TDefinition extends EventDefinition>(
    definition: TDefinition,
    aggregateId: string,
    data: EventData<TDefinition>,
  ): EventEnvelope {
    const version = (this.versions.get(aggregateId) ?? 0) + 1;
    this.versions.set(aggregateId, version);
    return createEnvelope(definition, {
      tenantId: this.tenantId,
      actorId: 'system',
      aggregateId,
      aggregateVersion: version,
      data,
      occurredAt: this.clock(),
    });
  }

  account(accountId: string, salesModel: 'B2B' | 'B2C', displayName = 'Sara Ahmadi'): EventEnvelope {
    return this.event(AccountCreated, accountId, accountSnapshot(accountId, salesModel, displayName));
  }

  order(order: {
    orderId: string;
    accountId: string;
    ownerId?: string | null;
    placedAt: string;
    amount: bigint;
  }): EventEnvelope {
    const money = { amountMinor: order.amount.toString(), currency: 'IRR' };
    return this.event(OrderPlaced, order.orderId, {
      ...orderFacts(order.orderId, order.accountId, money),
      contactId: null,
      opportunityId: null,
      quoteId: null,
      ownerId: order.ownerId ?? null,
      lines: [
        {
          productId: randomUUID(),
          sku: 'SKU-1',
          productName: 'Tea',
          category: null,
          quantity: 1,
          unitPrice: money,
          discountPercent: 0,
          tax: { amountMinor: '0', currency: 'IRR' },
          total: money,
        },
      ],
      subtotal: money,
      discount: { amountMinor: '0', currency: 'IRR' },
      tax: { amountMinor: '0', currency: 'IRR' },
      status: 'CONFIRMED',
      paymentStatus: 'UNPAID',
      fulfilmentStatus: 'UNFULFILLED',
      placedAt: order.placedAt,
    });
  }

  payment(payment: {
    orderId: string;
    accountId: string;
    amount: bigint;
    receivedAt: string;
  }): EventEnvelope {
    const money = { amountMinor: payment.amount.toString(), currency: 'IRR' };
    return this.event(PaymentRecorded, payment.orderId, {
      ...orderFacts(payment.orderId, payment.accountId, money),
      paymentId: randomUUID(),
      amount: money,
      method: 'CARD',
      reference: null,
      paidTotal: money,
      paymentStatus: 'PAID',
      receivedAt: payment.receivedAt,
    });
  }

  visit(visit: { accountId: string; visitorId: string; visitedAt: string }): EventEnvelope {
    return this.event(VisitRecorded, randomUUID(), {
      visitId: randomUUID(),
      visitorId: visit.visitorId,
      accountId: visit.accountId,
      url: 'https://shop.example/',
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      campaignId: null,
      visitedAt: visit.visitedAt,
    });
  }

  merged(survivorId: string, mergedIds: string[]): EventEnvelope {
    return this.event(AccountMerged, survivorId, {
      survivorId,
      mergedIds,
      movedContactIds: [],
      survivor: accountSnapshot(survivorId, 'B2C', 'Survivor'),
    });
  }

  erased(accountId: string): EventEnvelope {
    return this.event(AccountErased, accountId, {
      accountId,
      contactIds: [],
      salesModel: 'B2C',
      requestedAt: '2025-04-01T00:00:00.000Z',
    });
  }
}

function accountSnapshot(accountId: string, salesModel: 'B2B' | 'B2C', displayName: string) {
  const kind = salesModel === 'B2B' ? 'COMPANY' : 'PERSON';
  return accountSnapshotFixture(accountId, {
    kind,
    salesModel,
    displayName,
    legalName: null,
    lifecycleStage: 'CUSTOMER',
  });
}

function orderFacts(orderId: string, accountId: string, total: { amountMinor: string; currency: string }) {
  return {
    orderId,
    number: `SO-${orderId.slice(0, 8)}`,
    accountId,
    salesModel: 'B2C' as const,
    channel: 'WEB' as const,
    campaignId: null,
    total,
  };
}
