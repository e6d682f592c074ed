import {
  CampaignLinkClicked,
  CampaignMessageOpened,
  CampaignMessageSent,
  OpportunityCreated,
  OpportunityLost,
  OpportunityStageChanged,
  OpportunityWon,
  OrderCancelled,
  OrderPlaced,
  OrderStatusChanged,
  PaymentRecorded,
  PaymentRefunded,
  QuoteAccepted,
  QuoteRejected,
  QuoteSent,
  type EventData,
  type EventDefinition,
} from '@crm/events';

/** A system line on an account's timeline: what happened, when, in one sentence. */
export interface MirroredEntry {
  accountId: string;
  at: Date;
  summary: string;
}

type Summarise<TDefinition extends EventDefinition> = (data: EventData<TDefinition>) => MirroredEntry | null;

interface Mirror<TDefinition extends EventDefinition = EventDefinition> {
  definition: TDefinition;
  summarise: Summarise<TDefinition>;
}

function mirror<TDefinition extends EventDefinition>(
  definition: TDefinition,
  summarise: Summarise<TDefinition>,
): Mirror {
  return { definition, summarise: summarise as Summarise<EventDefinition> };
}

const ORDER_TRANSITIONS: Record<string, string> = {
  CONFIRMED: 'confirmed',
  COMPLETED: 'completed',
  PARTIALLY_SHIPPED: 'partly shipped',
  SHIPPED: 'shipped',
  DELIVERED: 'delivered',
  RETURNED: 'returned',
};

function shippedLine(data: EventData<typeof OrderStatusChanged>, word: string): string {
  const tracking = data.trackingCode ? ` — tracking ${data.trackingCode}` : '';
  const carrier = data.carrier ? ` (${data.carrier})` : '';
  return `Order #${data.number} ${word}${tracking}${tracking ? carrier : ''}`;
}

/**
 * The other services' events that appear on a customer's timeline. Payment-machine transitions and
 * cancellations of OrderStatusChanged are left out: PaymentRecorded / OrderCancelled say the same with
 * more detail, and one thing should be one line.
 */
export const TIMELINE_MIRRORS: readonly Mirror[] = [
  mirror(OpportunityCreated, (d) => ({
    accountId: d.accountId,
    at: new Date(d.createdAt),
    summary: `Deal '${d.name}' created in ${d.stageName}`,
  })),
  mirror(OpportunityStageChanged, (d) => ({
    accountId: d.accountId,
    at: new Date(d.changedAt),
    summary: `Deal '${d.name}' moved to ${d.stageName}`,
  })),
  mirror(OpportunityWon, (d) => ({
    accountId: d.accountId,
    at: new Date(d.closedAt),
    summary: `Deal '${d.name}' won`,
  })),
  mirror(OpportunityLost, (d) => ({
    accountId: d.accountId,
    at: new Date(d.closedAt),
    summary: `Deal '${d.name}' lost: ${d.lostReason}`,
  })),
  mirror(QuoteSent, (d) => ({
    accountId: d.accountId,
    at: new Date(d.sentAt),
    summary: `Quote ${d.number} sent for '${d.opportunityName}'`,
  })),
  mirror(QuoteAccepted, (d) => ({
    accountId: d.accountId,
    at: new Date(d.acceptedAt),
    summary: `Quote ${d.number} accepted`,
  })),
  mirror(QuoteRejected, (d) => ({
    accountId: d.accountId,
    at: new Date(d.rejectedAt),
    summary: `Quote ${d.number} rejected${d.reason ? `: ${d.reason}` : ''}`,
  })),
  mirror(OrderPlaced, (d) => ({
    accountId: d.accountId,
    at: new Date(d.placedAt),
    summary: `Order #${d.number} placed`,
  })),
  mirror(OrderStatusChanged, (d) => {
    const word = ORDER_TRANSITIONS[d.to];
    if (d.machine === 'PAYMENT' || !word) return null;
    return { accountId: d.accountId, at: new Date(d.changedAt), summary: shippedLine(d, word) };
  }),
  mirror(OrderCancelled, (d) => ({
    accountId: d.accountId,
    at: new Date(d.cancelledAt),
    summary: `Order #${d.number} cancelled: ${d.reason}`,
  })),
  mirror(PaymentRecorded, (d) => ({
    accountId: d.accountId,
    at: new Date(d.receivedAt),
    summary: `Payment received for order #${d.number} (${d.method.toLowerCase().replace('_', ' ')})`,
  })),
  mirror(PaymentRefunded, (d) => ({
    accountId: d.accountId,
    at: new Date(d.refundedAt),
    summary: `Refund for order #${d.number}: ${d.reason}`,
  })),
  mirror(CampaignMessageSent, (d) => ({
    accountId: d.accountId,
    at: new Date(d.sentAt),
    summary: `Campaign '${d.campaignName}' ${d.channel === 'SMS' ? 'SMS' : 'email'} sent`,
  })),
  mirror(CampaignMessageOpened, (d) => ({
    accountId: d.accountId,
    at: new Date(d.openedAt),
    summary: `Campaign '${d.campaignName}' email opened`,
  })),
  mirror(CampaignLinkClicked, (d) => ({
    accountId: d.accountId,
    at: new Date(d.clickedAt),
    summary: `Campaign '${d.campaignName}' link clicked: ${d.url}`,
  })),
];
