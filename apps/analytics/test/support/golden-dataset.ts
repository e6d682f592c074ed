import {
  AccountCreated,
  ActivityLogged,
  CampaignLaunched,
  CampaignLinkClicked,
  CampaignMessageOpened,
  CampaignMessageSent,
  createEnvelope,
  LeadConverted,
  LeadCreated,
  LeadDisqualified,
  LeadQualified,
  OpportunityCreated,
  OpportunityLost,
  OpportunityStageChanged,
  OpportunityWon,
  OrderPlaced,
  PaymentRecorded,
  PaymentRefunded,
  PipelineDefined,
  VisitRecorded,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@crm/events';

/**
 * A deterministic CRM history (seeded PRNG): B2B companies with deals through a pipeline, B2C
 * persons with many small orders, payments, partial refunds, unpaid orders, campaigns, visits,
 * leads and activities, over six months of 2025. It yields both the events (what the services
 * would publish) and the plain model the expected figures are computed from.
 */

export type SalesModel = 'B2B' | 'B2C';

export interface ModelAccount {
  id: string;
  salesModel: SalesModel;
}
export interface ModelMovement {
  id: string;
  kind: 'PAYMENT' | 'REFUND';
  /** Signed: refunds negative. */
  amount: bigint;
  at: Date;
}
export interface ModelOrder {
  id: string;
  accountId: string;
  salesModel: SalesModel;
  channel: string;
  campaignId: string | null;
  ownerId: string | null;
  placedAt: Date;
  productIds: string[];
  movements: ModelMovement[];
}
export interface ModelStage {
  id: string;
  name: string;
  position: number;
  probability: number;
  type: 'OPEN' | 'WON' | 'LOST';
  forecastCategory: 'PIPELINE' | 'BEST_CASE' | 'COMMIT' | 'CLOSED' | 'OMITTED';
}
export interface ModelVisitOfStage {
  stageId: string;
  enteredAt: Date;
  exitedAt: Date | null;
}
export interface ModelOpportunity {
  id: string;
  accountId: string;
  pipelineId: string;
  salesModel: SalesModel;
  ownerId: string | null;
  campaignId: string | null;
  amount: bigint;
  probability: number;
  stageId: string;
  status: 'OPEN' | 'WON' | 'LOST';
  createdAt: Date;
  closedAt: Date | null;
  expectedCloseDate: string | null;
  stageVisits: ModelVisitOfStage[];
}
export interface ModelLead {
  id: string;
  salesModel: SalesModel;
  ownerId: string | null;
  campaignId: string | null;
  createdAt: Date;
  accountId: string | null;
  opportunityId: string | null;
}
export interface ModelActivity {
  id: string;
  type: string;
  channel: string;
  status: string;
  accountId: string | null;
  ownerId: string | null;
  startsAt: Date;
}
export interface ModelVisit {
  id: string;
  visitorId: string;
  accountId: string | null;
  campaignId: string | null;
  visitedAt: Date;
}
export interface ModelCampaignMessage {
  campaignId: string;
  accountId: string;
  kind: 'SENT' | 'OPENED' | 'CLICKED';
  at: Date;
}

export interface GoldenDataset {
  tenantId: string;
  currency: string;
  owners: string[];
  accounts: ModelAccount[];
  pipelineId: string;
  stages: ModelStage[];
  orders: ModelOrder[];
  opportunities: ModelOpportunity[];
  leads: ModelLead[];
  activities: ModelActivity[];
  visits: ModelVisit[];
  campaignIds: string[];
  campaignMessages: ModelCampaignMessage[];
  events: EventEnvelope[];
}

export const DATASET_START = new Date('2025-01-01T00:00:00Z');
export const DATASET_END = new Date('2025-07-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateGoldenDataset(seed: number, now: Date): GoldenDataset {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  // Whole seconds: the read model stores milliseconds, and nothing here depends on finer time.
  const timeBetween = (from: Date, to: Date) =>
    new Date(Math.floor((from.getTime() + random() * (to.getTime() - from.getTime())) / 1000) * 1000);
  const later = (from: Date, minHours: number, maxHours: number) =>
    new Date(from.getTime() + int(minHours, maxHours) * HOUR + int(0, 3599) * 1000);

  const tenantId = uuid();
  const currency = 'IRR';
  const money = (amount: bigint) => ({ amountMinor: amount.toString(), currency });
  const owners = [uuid(), uuid(), uuid()];
  const events: Array<{ at: Date; envelope: EventEnvelope }> = [];
  const versions = new Map<string, number>();
  function emit<TDefinition extends EventDefinition>(
    definition: TDefinition,
    aggregateId: string,
    at: Date,
    data: EventData<TDefinition>,
  ): void {
    const version = (versions.get(aggregateId) ?? 0) + 1;
    versions.set(aggregateId, version);
    const envelope = createEnvelope(definition, {
      tenantId,
      actorId: 'system',
      aggregateId,
      aggregateVersion: version,
      data,
      occurredAt: at,
    });
    events.push({ at, envelope });
  }

  // Accounts: 12 B2B companies, 30 B2C persons.
  const accounts: ModelAccount[] = [
    ...Array.from({ length: 12 }, () => ({ id: uuid(), salesModel: 'B2B' as const })),
    ...Array.from({ length: 30 }, () => ({ id: uuid(), salesModel: 'B2C' as const })),
  ];
  for (const [index, account] of accounts.entries()) {
    const isCompany = account.salesModel === 'B2B';
    emit(AccountCreated, account.id, new Date(DATASET_START.getTime() - DAY), {
      accountId: account.id,
      kind: isCompany ? 'COMPANY' : 'PERSON',
      salesModel: account.salesModel,
      displayName: isCompany ? `Company ${index}` : `Person ${index}`,
      legalName: null,
      industry: isCompany ? pick(['Retail', 'Energy', 'Software']) : null,
      firstName: isCompany ? null : `First${index}`,
      lastName: isCompany ? null : `Last${index}`,
      emails: [],
      phones: [],
      addresses: [],
      tier: isCompany ? pick(['GOLD', 'SILVER']) : null,
      tags: [],
      lifecycleStage: 'CUSTOMER',
      ownerId: pick(owners),
      parentId: null,
      archived: false,
    });
  }
  const b2b = accounts.filter((account) => account.salesModel === 'B2B');
  const b2c = accounts.filter((account) => account.salesModel === 'B2C');
  const products = [uuid(), uuid(), uuid(), uuid()];

  // Campaigns to B2C persons: sends, some opens, some clicks.
  const campaignIds = [uuid(), uuid()];
  const campaignMessages: ModelCampaignMessage[] = [];
  for (const [index, campaignId] of campaignIds.entries()) {
    const launchedAt = new Date(DATASET_START.getTime() + (20 + index * 60) * DAY);
    emit(CampaignLaunched, campaignId, launchedAt, {
      campaignId,
      name: `Campaign ${index}`,
      channel: 'EMAIL',
      segmentId: uuid(),
      targeted: 20,
      skippedNoConsent: 0,
      launchedAt: launchedAt.toISOString(),
    });
    for (const account of b2c.slice(index * 8, index * 8 + 20)) {
      const facts = {
        campaignId,
        campaignName: `Campaign ${index}`,
        channel: 'EMAIL' as const,
        accountId: account.id,
      };
      const sentAt = later(launchedAt, 0, 2);
      emit(CampaignMessageSent, `${campaignId}`, sentAt, { ...facts, sentAt: sentAt.toISOString() });
      campaignMessages.push({ campaignId, accountId: account.id, kind: 'SENT', at: sentAt });
      if (chance(0.6)) {
        const openedAt = later(sentAt, 1, 48);
        emit(CampaignMessageOpened, campaignId, openedAt, { ...facts, openedAt: openedAt.toISOString() });
        campaignMessages.push({ campaignId, accountId: account.id, kind: 'OPENED', at: openedAt });
        if (chance(0.5)) {
          const clickedAt = later(openedAt, 0, 2);
          emit(CampaignLinkClicked, campaignId, clickedAt, {
            ...facts,
            url: 'https://shop.example/offer',
            clickedAt: clickedAt.toISOString(),
          });
          campaignMessages.push({ campaignId, accountId: account.id, kind: 'CLICKED', at: clickedAt });
        }
      }
    }
  }

  // Orders: many small B2C orders, fewer large B2B ones; some unpaid, some paid in two parts,
  // some partly refunded.
  const orders: ModelOrder[] = [];
  const placeOrders = (count: number, pool: ModelAccount[], minAmount: number, maxAmount: number) => {
    for (let index = 0; index < count; index += 1) {
      const account = pick(pool);
      const salesModel = account.salesModel;
      const placedAt = timeBetween(DATASET_START, new Date(DATASET_END.getTime() - 5 * DAY));
      const total = BigInt(int(minAmount, maxAmount)) * 1000n;
      const productId = pick(products);
      const order: ModelOrder = {
        id: uuid(),
        accountId: account.id,
        salesModel,
        channel: salesModel === 'B2B' ? pick(['SALES_REP', 'PHONE']) : pick(['WEB', 'STORE', 'MARKETPLACE']),
        campaignId: salesModel === 'B2C' && chance(0.3) ? pick(campaignIds) : null,
        ownerId: chance(0.8) ? pick(owners) : null,
        placedAt,
        productIds: [productId],
        movements: [],
      };
      const facts = {
        orderId: order.id,
        number: `SO-${index}-${salesModel}`,
        accountId: order.accountId,
        salesModel,
        channel: order.channel as EventData<typeof OrderPlaced>['channel'],
        campaignId: order.campaignId,
        total: money(total),
      };
      emit(OrderPlaced, order.id, placedAt, {
        ...facts,
        contactId: null,
        opportunityId: null,
        quoteId: null,
        ownerId: order.ownerId,
        lines: [
          {
            productId,
            sku: `SKU-${products.indexOf(productId)}`,
            productName: 'Product',
            category: null,
            quantity: 1,
            unitPrice: money(total),
            discountPercent: 0,
            tax: money(0n),
            total: money(total),
          },
        ],
        subtotal: money(total),
        discount: money(0n),
        tax: money(0n),
        status: 'CONFIRMED',
        paymentStatus: 'UNPAID',
        fulfilmentStatus: 'UNFULFILLED',
        placedAt: placedAt.toISOString(),
      });
      if (chance(0.15)) {
        orders.push(order);
        continue;
      }
      const parts = chance(0.3) ? [total / 2n, total - total / 2n] : [total];
      let paid = 0n;
      let at = placedAt;
      for (const part of parts) {
        at = later(at, 0, 72);
        paid += part;
        const paymentId = uuid();
        emit(PaymentRecorded, order.id, at, {
          ...facts,
          paymentId,
          amount: money(part),
          method: 'CARD',
          reference: null,
          paidTotal: money(paid),
          paymentStatus: paid === total ? 'PAID' : 'PARTIALLY_PAID',
          receivedAt: at.toISOString(),
        });
        order.movements.push({ id: paymentId, kind: 'PAYMENT', amount: part, at });
      }
      if (chance(0.2)) {
        const refund = total / BigInt(int(2, 5));
        const refundedAt = later(at, 24, 24 * 20);
        const refundId = uuid();
        emit(PaymentRefunded, order.id, refundedAt, {
          ...facts,
          refundId,
          paymentId: order.movements[0].id,
          amount: money(refund),
          reason: 'returned goods',
          refundedTotal: money(refund),
          paymentStatus: 'PARTIALLY_REFUNDED',
          refundedAt: refundedAt.toISOString(),
        });
        order.movements.push({ id: refundId, kind: 'REFUND', amount: -refund, at: refundedAt });
      }
      orders.push(order);
    }
  };
  placeOrders(140, b2c, 200, 3_000);
  placeOrders(35, b2b, 20_000, 400_000);

  // One B2B pipeline; deals move forward stage by stage, then are won, lost or stay open.
  const pipelineId = uuid();
  const stages: ModelStage[] = [
    { id: uuid(), name: 'Qualify', position: 1, probability: 10, type: 'OPEN', forecastCategory: 'PIPELINE' },
    {
      id: uuid(),
      name: 'Proposal',
      position: 2,
      probability: 40,
      type: 'OPEN',
      forecastCategory: 'BEST_CASE',
    },
    {
      id: uuid(),
      name: 'Negotiation',
      position: 3,
      probability: 70,
      type: 'OPEN',
      forecastCategory: 'COMMIT',
    },
    { id: uuid(), name: 'Won', position: 4, probability: 100, type: 'WON', forecastCategory: 'CLOSED' },
    { id: uuid(), name: 'Lost', position: 5, probability: 0, type: 'LOST', forecastCategory: 'OMITTED' },
  ];
  emit(PipelineDefined, pipelineId, new Date(DATASET_START.getTime() - DAY), {
    pipelineId,
    name: 'Enterprise',
    salesModel: 'B2B',
    isDefault: true,
    stages: stages.map((stage) => ({
      stageId: stage.id,
      name: stage.name,
      position: stage.position,
      probability: stage.probability,
      type: stage.type,
      forecastCategory: stage.forecastCategory,
    })),
  });
  const openStages = stages.filter((stage) => stage.type === 'OPEN');
  const wonStage = stages[3];
  const lostStage = stages[4];
  const nowMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const opportunities: ModelOpportunity[] = [];
  const leads: ModelLead[] = [];
  for (let index = 0; index < 40; index += 1) {
    const account = pick(b2b);
    const createdAt = timeBetween(DATASET_START, new Date(DATASET_END.getTime() - 30 * DAY));
    const closeMonth = new Date(nowMonth + int(0, 4) * 31 * DAY);
    const opportunity: ModelOpportunity = {
      id: uuid(),
      accountId: account.id,
      pipelineId,
      salesModel: 'B2B',
      ownerId: chance(0.9) ? pick(owners) : null,
      campaignId: null,
      amount: BigInt(int(50, 900)) * 100_000n,
      probability: openStages[0].probability,
      stageId: openStages[0].id,
      status: 'OPEN',
      createdAt,
      closedAt: null,
      expectedCloseDate: `${closeMonth.getUTCFullYear()}-${String(closeMonth.getUTCMonth() + 1).padStart(2, '0')}-15`,
      stageVisits: [{ stageId: openStages[0].id, enteredAt: createdAt, exitedAt: null }],
    };
    const facts = () => ({
      opportunityId: opportunity.id,
      name: `Deal ${index}`,
      accountId: opportunity.accountId,
      pipelineId,
      salesModel: opportunity.salesModel,
      stageId: opportunity.stageId,
      stageName: stages.find((stage) => stage.id === opportunity.stageId)?.name ?? '',
      amount: money(opportunity.amount),
      probability: opportunity.probability,
      expectedCloseDate: opportunity.expectedCloseDate,
      ownerId: opportunity.ownerId,
      source: null,
      campaignId: opportunity.campaignId,
      createdAt: createdAt.toISOString(),
    });
    // Some deals come from a converted lead.
    let leadId: string | null = null;
    if (chance(0.4)) {
      leadId = uuid();
      const leadCreatedAt = new Date(createdAt.getTime() - int(1, 10) * DAY);
      const lead = {
        leadId,
        status: 'NEW' as const,
        source: 'WEB' as const,
        salesModel: 'B2B' as const,
        companyName: `Lead company ${index}`,
        firstName: null,
        lastName: null,
        email: null,
        phone: null,
        campaignId: null,
        score: null,
        ownerId: opportunity.ownerId,
        customFields: {},
        createdAt: leadCreatedAt.toISOString(),
      };
      emit(LeadCreated, leadId, leadCreatedAt, lead);
      emit(LeadConverted, leadId, createdAt, {
        lead: { ...lead, status: 'CONVERTED' },
        accountId: account.id,
        existingAccount: true,
        contactId: null,
        opportunityId: opportunity.id,
        convertedAt: createdAt.toISOString(),
      });
      leads.push({
        id: leadId,
        salesModel: 'B2B',
        ownerId: opportunity.ownerId,
        campaignId: null,
        createdAt: leadCreatedAt,
        accountId: account.id,
        opportunityId: opportunity.id,
      });
    }
    emit(OpportunityCreated, opportunity.id, createdAt, { ...facts(), leadId });
    const furthest = int(0, openStages.length - 1);
    const outcome = pick(['WON', 'LOST', 'OPEN'] as const);
    let at = createdAt;
    const moveTo = (stage: ModelStage) => {
      const from = opportunity.stageVisits[opportunity.stageVisits.length - 1];
      const fromStage = stages.find((candidate) => candidate.id === from.stageId) as ModelStage;
      at = later(at, 24, 24 * 12);
      from.exitedAt = at;
      opportunity.stageId = stage.id;
      opportunity.probability = stage.probability;
      opportunity.stageVisits.push({ stageId: stage.id, enteredAt: at, exitedAt: null });
      emit(OpportunityStageChanged, opportunity.id, at, {
        ...facts(),
        fromStageId: fromStage.id,
        fromStageName: fromStage.name,
        fromProbability: fromStage.probability,
        fromStageEnteredAt: from.enteredAt.toISOString(),
        toStageType: stage.type,
        weightedAmount: money((opportunity.amount * BigInt(stage.probability)) / 100n),
        changedAt: at.toISOString(),
      });
    };
    for (let step = 1; step <= furthest; step += 1) moveTo(openStages[step]);
    if (outcome === 'WON') {
      moveTo(wonStage);
      opportunity.status = 'WON';
      opportunity.closedAt = at;
      emit(OpportunityWon, opportunity.id, at, { ...facts(), closedAt: at.toISOString() });
    } else if (outcome === 'LOST') {
      moveTo(lostStage);
      opportunity.status = 'LOST';
      opportunity.closedAt = at;
      emit(OpportunityLost, opportunity.id, at, {
        ...facts(),
        closedAt: at.toISOString(),
        lostReason: 'price',
      });
    }
    opportunities.push(opportunity);
  }

  // Leads that never converted: B2C sign-ups, some qualified, some disqualified.
  for (let index = 0; index < 20; index += 1) {
    const leadId = uuid();
    const createdAt = timeBetween(DATASET_START, DATASET_END);
    const salesModel = pick(['B2B', 'B2C'] as const);
    const ownerId = chance(0.5) ? pick(owners) : null;
    const campaignId = chance(0.3) ? pick(campaignIds) : null;
    emit(LeadCreated, leadId, createdAt, {
      leadId,
      status: 'NEW',
      source: campaignId ? 'CAMPAIGN' : 'WEB',
      salesModel,
      companyName: null,
      firstName: `Lead${index}`,
      lastName: 'Person',
      email: null,
      phone: null,
      campaignId,
      score: null,
      ownerId,
      customFields: {},
      createdAt: createdAt.toISOString(),
    });
    if (chance(0.5)) {
      const at = later(createdAt, 1, 48);
      if (chance(0.5)) {
        emit(LeadQualified, leadId, at, {
          leadId,
          salesModel,
          source: 'WEB',
          campaignId,
          ownerId,
          qualifiedAt: at.toISOString(),
        });
      } else {
        emit(LeadDisqualified, leadId, at, {
          leadId,
          salesModel,
          reason: 'no budget',
          disqualifiedAt: at.toISOString(),
        });
      }
    }
    leads.push({
      id: leadId,
      salesModel,
      ownerId,
      campaignId,
      createdAt,
      accountId: null,
      opportunityId: null,
    });
  }

  // Activities.
  const activities: ModelActivity[] = [];
  for (let index = 0; index < 80; index += 1) {
    const account = chance(0.9) ? pick(accounts) : null;
    const activity: ModelActivity = {
      id: uuid(),
      type: pick(['CALL', 'MEETING', 'EMAIL', 'MESSAGE', 'NOTE']),
      channel: pick(['PHONE', 'EMAIL', 'IN_PERSON', 'VIDEO']),
      status: pick(['DONE', 'DONE', 'PLANNED', 'CANCELLED']),
      accountId: account?.id ?? null,
      ownerId: chance(0.85) ? pick(owners) : null,
      startsAt: timeBetween(DATASET_START, DATASET_END),
    };
    emit(ActivityLogged, activity.id, activity.startsAt, {
      activityId: activity.id,
      type: activity.type as EventData<typeof ActivityLogged>['type'],
      channel: activity.channel as EventData<typeof ActivityLogged>['channel'],
      direction: null,
      status: activity.status as EventData<typeof ActivityLogged>['status'],
      accountId: activity.accountId,
      contactIds: [],
      opportunityId: null,
      orderId: null,
      ownerId: activity.ownerId,
      startsAt: activity.startsAt.toISOString(),
      endsAt: null,
    });
    activities.push(activity);
  }

  // Visits: anonymous ones and known customers', some shortly before one of their orders.
  const visits: ModelVisit[] = [];
  for (let index = 0; index < 60; index += 1) {
    const order = chance(0.4) ? pick(orders) : null;
    const account = order ? null : chance(0.5) ? pick(accounts) : null;
    const visit: ModelVisit = {
      id: uuid(),
      visitorId: `visitor-${int(1, 45)}`,
      accountId: order?.accountId ?? account?.id ?? null,
      campaignId: chance(0.2) ? pick(campaignIds) : null,
      visitedAt: order
        ? new Date(order.placedAt.getTime() - int(1, 40 * 24) * HOUR)
        : timeBetween(DATASET_START, DATASET_END),
    };
    emit(VisitRecorded, visit.id, visit.visitedAt, {
      visitId: visit.id,
      visitorId: visit.visitorId,
      accountId: visit.accountId,
      url: 'https://shop.example/',
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      campaignId: visit.campaignId,
      visitedAt: visit.visitedAt.toISOString(),
    });
    visits.push(visit);
  }

  // Publication order: by business time, as the producing services would have published them.
  const ordered = events
    .map((event, index) => ({ ...event, index }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index)
    .map((event) => event.envelope);
  return {
    tenantId,
    currency,
    owners,
    accounts,
    pipelineId,
    stages,
    orders,
    opportunities,
    leads,
    activities,
    visits,
    campaignIds,
    campaignMessages,
    events: ordered,
  };
}

/** Every event twice, in a seeded random order across (and within) topics. */
export function duplicatedAndShuffled(events: EventEnvelope[], seed: number): EventEnvelope[] {
  const random = seededRandom(seed);
  const copies = [...events, ...events];
  for (let index = copies.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copies[index], copies[other]] = [copies[other], copies[index]];
  }
  return copies;
}
