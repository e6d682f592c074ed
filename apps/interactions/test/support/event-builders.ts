import { v7 as uuidv7 } from 'uuid';
import {
  createEnvelope,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  AccountCreated,
  AccountErased,
  AccountMerged,
  CampaignMessageOpened,
  ConsentChanged,
  ContactCreated,
  OpportunityStageChanged,
  OrderStatusChanged,
  PaymentRecorded,
} from '@crm/events';

/** An envelope as the owning service would publish it, for tests that play the other services. */
export function eventOf<TDefinition extends EventDefinition>(
  definition: TDefinition,
  tenantId: string,
  aggregateId: string,
  data: EventData<TDefinition>,
  sequence = 1,
): EventEnvelope<EventData<TDefinition>> {
  return createEnvelope(definition, {
    tenantId,
    actorId: 'system',
    aggregateId,
    aggregateVersion: sequence,
    data,
  });
}

export function orderFacts(accountId: string, number = '1042', salesModel: 'B2B' | 'B2C' = 'B2C') {
  return {
    orderId: uuidv7(),
    number,
    accountId,
    salesModel,
    channel: 'WEB' as const,
    campaignId: null,
    total: { amountMinor: '125000', currency: 'IRR' },
  };
}

export function orderShipped(
  tenantId: string,
  order: ReturnType<typeof orderFacts>,
  changedAt: Date,
  trackingCode = 'ABC123',
) {
  return eventOf(OrderStatusChanged, tenantId, order.orderId, {
    ...order,
    machine: 'FULFILMENT',
    from: 'UNFULFILLED',
    to: 'SHIPPED',
    carrier: 'Post',
    trackingCode,
    changedAt: changedAt.toISOString(),
  });
}

export function paymentRecorded(tenantId: string, order: ReturnType<typeof orderFacts>, receivedAt: Date) {
  return eventOf(PaymentRecorded, tenantId, order.orderId, {
    ...order,
    paymentId: uuidv7(),
    amount: order.total,
    method: 'CARD',
    reference: null,
    paidTotal: order.total,
    paymentStatus: 'PAID',
    receivedAt: receivedAt.toISOString(),
  });
}

export function dealMoved(tenantId: string, accountId: string, stageName: string, changedAt: Date) {
  const opportunityId = uuidv7();
  return eventOf(OpportunityStageChanged, tenantId, opportunityId, {
    opportunityId,
    name: 'Acme ERP rollout',
    accountId,
    pipelineId: uuidv7(),
    salesModel: 'B2B',
    stageId: uuidv7(),
    stageName,
    amount: { amountMinor: '5000000', currency: 'IRR' },
    probability: 60,
    expectedCloseDate: null,
    ownerId: null,
    source: null,
    campaignId: null,
    createdAt: changedAt.toISOString(),
    fromStageId: uuidv7(),
    fromStageName: 'Proposal',
    fromProbability: 40,
    fromStageEnteredAt: changedAt.toISOString(),
    toStageType: 'OPEN',
    weightedAmount: { amountMinor: '3000000', currency: 'IRR' },
    changedAt: changedAt.toISOString(),
  });
}

export function campaignOpened(tenantId: string, accountId: string, openedAt: Date) {
  const campaignId = uuidv7();
  return eventOf(CampaignMessageOpened, tenantId, campaignId, {
    campaignId,
    campaignName: 'Yalda sale',
    channel: 'EMAIL',
    accountId,
    openedAt: openedAt.toISOString(),
  });
}

export function accountCreated(
  tenantId: string,
  accountId: string,
  customer: { displayName: string; emails?: string[]; phones?: string[] },
) {
  return eventOf(AccountCreated, tenantId, accountId, {
    accountId,
    kind: 'PERSON',
    salesModel: 'B2C',
    displayName: customer.displayName,
    legalName: null,
    industry: null,
    firstName: customer.displayName.split(' ')[0] ?? null,
    lastName: customer.displayName.split(' ')[1] ?? null,
    emails: customer.emails ?? [],
    phones: customer.phones ?? [],
    addresses: [],
    tier: null,
    tags: [],
    lifecycleStage: 'CUSTOMER',
    ownerId: null,
    parentId: null,
    archived: false,
  });
}

export function consentChanged(
  tenantId: string,
  accountId: string,
  channel: 'EMAIL' | 'SMS',
  state: 'OPTED_IN' | 'OPTED_OUT',
) {
  return eventOf(ConsentChanged, tenantId, accountId, {
    accountId,
    channel,
    state,
    previousState: 'UNKNOWN',
    source: 'preference-centre',
    changedAt: new Date().toISOString(),
  });
}

export function accountMerged(
  tenantId: string,
  survivorId: string,
  mergedIds: string[],
  movedContactIds: string[],
) {
  const survivor = accountCreated(tenantId, survivorId, {
    displayName: 'Survivor Co',
    emails: ['survivor@example.com'],
  }).data;
  return eventOf(
    AccountMerged,
    tenantId,
    survivorId,
    { survivorId, mergedIds, movedContactIds, survivor },
    5,
  );
}

export function accountErased(tenantId: string, accountId: string, contactIds: string[]) {
  return eventOf(AccountErased, tenantId, accountId, {
    accountId,
    contactIds,
    salesModel: 'B2C',
    requestedAt: new Date().toISOString(),
  });
}

export function contactCreated(tenantId: string, accountId: string, contactId: string, email: string) {
  return eventOf(ContactCreated, tenantId, contactId, {
    contactId,
    accountId,
    firstName: 'Nima',
    lastName: 'Karimi',
    jobTitle: null,
    buyingRole: null,
    isPrimary: true,
    emails: [email],
    phones: [],
  });
}
