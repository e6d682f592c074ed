import { randomUUID } from 'node:crypto';
import {
  AccountCreated,
  AccountErased,
  AccountMerged,
  AccountUpdated,
  ActivityLogged,
  ContactCreated,
  OrderCancelled,
  OrderPlaced,
  PaymentRefunded,
  createEnvelope,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@crm/events';

/** Envelopes exactly as the other services publish them, for feeding the projection. */
export class EventFactory {
  private version = 0;

  constructor(readonly tenantId: string) {}

  envelope<D extends EventDefinition>(definition: D, aggregateId: string, data: EventData<D>): EventEnvelope {
    this.version += 1;
    return createEnvelope(definition, {
      tenantId: this.tenantId,
      actorId: 'system',
      aggregateId,
      aggregateVersion: this.version,
      data,
    });
  }

  account(overrides: Partial<EventData<typeof AccountCreated>> = {}): EventData<typeof AccountCreated> {
    return {
      accountId: randomUUID(),
      kind: 'PERSON',
      salesModel: 'B2C',
      displayName: 'Sara Ahmadi',
      legalName: null,
      industry: null,
      firstName: 'Sara',
      lastName: 'Ahmadi',
      emails: ['sara@example.com'],
      phones: ['+989121234567'],
      addresses: [
        {
          label: 'home',
          line1: 'Valiasr 1',
          line2: null,
          city: 'Tehran',
          region: null,
          postalCode: null,
          country: 'IR',
        },
      ],
      tier: null,
      tags: [],
      lifecycleStage: 'CUSTOMER',
      ownerId: null,
      parentId: null,
      archived: false,
      ...overrides,
    };
  }

  accountCreated(account: EventData<typeof AccountCreated>): EventEnvelope {
    return this.envelope(AccountCreated, account.accountId, account);
  }

  accountUpdated(account: EventData<typeof AccountCreated>, changedFields: string[]): EventEnvelope {
    return this.envelope(AccountUpdated, account.accountId, { ...account, changedFields });
  }

  contactCreated(accountId: string, firstName: string, isPrimary = true): EventEnvelope {
    const contactId = randomUUID();
    return this.envelope(ContactCreated, contactId, {
      contactId,
      accountId,
      firstName,
      lastName: 'Karimi',
      jobTitle: null,
      buyingRole: null,
      isPrimary,
      emails: [`${firstName.toLowerCase()}@company.example`],
      phones: [],
    });
  }

  orderPlaced(
    accountId: string,
    order: { totalMinor: number; placedAt: string; categories: string[] },
  ): EventEnvelope {
    const orderId = randomUUID();
    const money = (amountMinor: number) => ({ amountMinor: String(amountMinor), currency: 'IRR' });
    return this.envelope(OrderPlaced, orderId, {
      orderId,
      number: `SO-${orderId.slice(0, 6)}`,
      accountId,
      salesModel: 'B2C',
      channel: 'WEB',
      campaignId: null,
      total: money(order.totalMinor),
      contactId: null,
      opportunityId: null,
      quoteId: null,
      ownerId: null,
      lines: order.categories.map((category) => ({
        productId: randomUUID(),
        sku: category.toUpperCase(),
        productName: category,
        category,
        quantity: 1,
        unitPrice: money(0),
        discountPercent: 0,
        tax: money(0),
        total: money(0),
      })),
      subtotal: money(order.totalMinor),
      discount: money(0),
      tax: money(0),
      status: 'CONFIRMED',
      paymentStatus: 'PAID',
      fulfilmentStatus: 'UNFULFILLED',
      placedAt: order.placedAt,
    });
  }

  private orderFacts(placed: EventEnvelope) {
    const data = placed.data as EventData<typeof OrderPlaced>;
    return {
      orderId: data.orderId,
      number: data.number,
      accountId: data.accountId,
      salesModel: data.salesModel,
      channel: data.channel,
      campaignId: null,
      total: data.total,
    };
  }

  paymentRefunded(placed: EventEnvelope, refundedTotalMinor: number): EventEnvelope {
    const facts = this.orderFacts(placed);
    const amount = { amountMinor: String(refundedTotalMinor), currency: 'IRR' };
    return this.envelope(PaymentRefunded, facts.orderId, {
      ...facts,
      refundId: randomUUID(),
      paymentId: randomUUID(),
      amount,
      reason: 'damaged',
      refundedTotal: amount,
      paymentStatus: 'PARTIALLY_REFUNDED',
      refundedAt: new Date().toISOString(),
    });
  }

  orderCancelled(placed: EventEnvelope): EventEnvelope {
    const facts = this.orderFacts(placed);
    return this.envelope(OrderCancelled, facts.orderId, {
      ...facts,
      reason: 'changed mind',
      cancelledAt: new Date().toISOString(),
    });
  }

  activityLogged(accountId: string, startsAt: string): EventEnvelope {
    const activityId = randomUUID();
    return this.envelope(ActivityLogged, activityId, {
      activityId,
      type: 'CALL',
      channel: 'PHONE',
      direction: 'OUTBOUND',
      status: 'DONE',
      accountId,
      contactIds: [],
      opportunityId: null,
      orderId: null,
      ownerId: null,
      startsAt,
      endsAt: null,
    });
  }

  accountMerged(survivor: EventData<typeof AccountCreated>, mergedIds: string[]): EventEnvelope {
    return this.envelope(AccountMerged, survivor.accountId, {
      survivorId: survivor.accountId,
      mergedIds,
      movedContactIds: [],
      survivor,
    });
  }

  accountErased(accountId: string, contactIds: string[] = []): EventEnvelope {
    return this.envelope(AccountErased, accountId, {
      accountId,
      contactIds,
      salesModel: 'B2C',
      requestedAt: new Date().toISOString(),
    });
  }
}
