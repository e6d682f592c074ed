import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import {
  createEnvelope,
  OpportunityCreated,
  OpportunityStageChanged,
  OpportunityWon,
  OrderPlaced,
  PaymentRecorded,
  PipelineDefined,
  type EventData,
  type EventDefinition,
} from '@crm/events';
import {
  createPerson,
  createTestKafka,
  createTestTopics,
  dataOf,
  eventually,
  postGraphQL,
  signUpTenant,
  startGatewayProcess,
  startSubgraphProcess,
  uniqueKafkaName,
  type ServiceProcess,
  type SignedUpTenant,
  type SubgraphUnderTest,
} from '@crm/testing';

const SERVICES = ['accounts', 'interactions', 'pipeline', 'orders', 'marketing', 'analytics'];

/**
 * Analytics behind the gateway: accounts (a real process) publishes the customer, the pipeline and
 * orders facts are published straight to their topics as those services would, analytics projects
 * them, and one query through the gateway reads sales, the funnel, deal metrics and an account with
 * its insights (fields from accounts and from analytics in one response).
 */
describe('gateway + accounts + analytics, end to end', () => {
  let accounts: SubgraphUnderTest;
  let analytics: SubgraphUnderTest;
  let gateway: ServiceProcess;
  let tenant: SignedUpTenant;
  let prefix: string;

  beforeAll(async () => {
    prefix = `${uniqueKafkaName('analytics-e2e')}.`;
    await createTestTopics(
      SERVICES.flatMap((service) => [`${prefix}crm.${service}.events`, `${prefix}crm.${service}.events.dlq`]),
    );
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'analytics-e2e-secret-0123456789abcdefghij',
      KAFKA_TOPIC_PREFIX: prefix,
      ANALYTICS_DEFAULT_CURRENCY: 'IRR',
    };
    [accounts, analytics] = await Promise.all([
      startSubgraphProcess('accounts', env),
      startSubgraphProcess('analytics', env),
    ]);
    gateway = await startGatewayProcess([accounts, analytics], env);
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([accounts?.stop(), analytics?.stop()]);
  });

  it('answers sales, funnel, deal metrics and an account with insights in one query', async () => {
    tenant = await signUpTenant(gateway.graphqlUrl, 'Analytics E2E Trading');
    const accountId = await createPerson(gateway.graphqlUrl, tenant.token, 'Sara', 'Ahmadi');
    const pipelineId = randomUUID();
    const stages = [
      { stageId: randomUUID(), name: 'Qualify', position: 1, probability: 20, type: 'OPEN' as const },
      { stageId: randomUUID(), name: 'Won', position: 2, probability: 100, type: 'WON' as const },
    ].map((stage) => ({
      ...stage,
      forecastCategory: stage.type === 'WON' ? ('CLOSED' as const) : ('PIPELINE' as const),
    }));
    const opportunityId = randomUUID();
    const orderId = randomUUID();
    const money = { amountMinor: '1500000', currency: 'IRR' };
    const opportunity = {
      opportunityId,
      name: 'Tea for the office',
      accountId,
      pipelineId,
      salesModel: 'B2C' as const,
      stageId: stages[0].stageId,
      stageName: 'Qualify',
      amount: money,
      probability: 20,
      expectedCloseDate: null,
      ownerId: null,
      source: null,
      campaignId: null,
      createdAt: '2025-05-01T09:00:00.000Z',
    };
    const won = { ...opportunity, stageId: stages[1].stageId, stageName: 'Won', probability: 100 };
    const orderFacts = {
      orderId,
      number: 'SO-1',
      accountId,
      salesModel: 'B2C' as const,
      channel: 'WEB' as const,
      campaignId: null,
      total: money,
    };
    let version = 0;
    const event = <TDefinition extends EventDefinition>(
      definition: TDefinition,
      id: string,
      data: EventData<TDefinition>,
    ) =>
      createEnvelope(definition, {
        tenantId: tenant.tenantId,
        actorId: 'system',
        aggregateId: id,
        aggregateVersion: ++version,
        data,
      });
    await publish([
      event(PipelineDefined, pipelineId, {
        pipelineId,
        name: 'Retail',
        salesModel: 'B2C',
        isDefault: true,
        stages,
      }),
      event(OpportunityCreated, opportunityId, { ...opportunity, leadId: null }),
      event(OpportunityStageChanged, opportunityId, {
        ...won,
        fromStageId: stages[0].stageId,
        fromStageName: 'Qualify',
        fromProbability: 20,
        fromStageEnteredAt: opportunity.createdAt,
        toStageType: 'WON',
        weightedAmount: money,
        changedAt: '2025-05-03T09:00:00.000Z',
      }),
      event(OpportunityWon, opportunityId, { ...won, closedAt: '2025-05-03T09:00:00.000Z' }),
      event(OrderPlaced, orderId, {
        ...orderFacts,
        contactId: null,
        opportunityId,
        quoteId: null,
        ownerId: null,
        lines: [
          {
            productId: randomUUID(),
            sku: 'TEA-1',
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
        placedAt: '2025-05-04T09:00:00.000Z',
      }),
      event(PaymentRecorded, orderId, {
        ...orderFacts,
        paymentId: randomUUID(),
        amount: money,
        method: 'CARD',
        reference: null,
        paidTotal: money,
        paymentStatus: 'PAID',
        receivedAt: '2025-05-04T09:30:00.000Z',
      }),
    ]);

    const query = `query Dashboard($filter: MetricsFilter!, $pipelineId: ID!, $accountId: ID!) {
      salesPerformance(filter: $filter) { total { amountMinor currency } orders bySalesModel { salesModel orders share } }
      funnel(pipelineId: $pipelineId, filter: $filter) { cohortSize overallConversion stages { stageName reached } }
      dealMetrics(filter: $filter) { won lost winRate averageDealSize { amountMinor } }
      account(id: $accountId) { displayName insights { totalRevenue { amountMinor currency } orderCount rfm } }
    }`;
    const variables = {
      filter: { from: '2025-05-01T00:00:00Z', to: '2025-06-01T00:00:00Z' },
      pipelineId,
      accountId,
    };
    // Until the events are projected, the pipeline is unknown (NOT_FOUND) and the account has no orders.
    // The pipeline and orders topics are consumed independently: wait for the last event of each.
    const result = await eventually(
      'analytics to project the account, the won deal and the paid order',
      () => postGraphQL(gateway.graphqlUrl, query, { token: tenant.token, variables }),
      (answer) =>
        !answer.errors &&
        (answer.data?.account as { insights: { orderCount: number } } | undefined)?.insights.orderCount ===
          1 &&
        (answer.data?.dealMetrics as { won: number } | undefined)?.won === 1,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const dashboard = dataOf(result, 'Dashboard');
    expect(dashboard).toEqual({
      salesPerformance: {
        total: { amountMinor: '1500000', currency: 'IRR' },
        orders: 1,
        bySalesModel: [
          { salesModel: 'B2B', orders: 0, share: 0 },
          { salesModel: 'B2C', orders: 1, share: 1 },
        ],
      },
      funnel: {
        cohortSize: 1,
        overallConversion: 1,
        stages: [
          { stageName: 'Qualify', reached: 1 },
          { stageName: 'Won', reached: 1 },
        ],
      },
      dealMetrics: { won: 1, lost: 0, winRate: 1, averageDealSize: { amountMinor: '1500000' } },
      account: {
        displayName: 'Sara Ahmadi',
        insights: {
          totalRevenue: { amountMinor: '1500000', currency: 'IRR' },
          orderCount: 1,
          // Last order over a year ago (R 1), one order (F 1), the only customer (M quintile 1).
          rfm: '111',
        },
      },
    });
  });

  async function publish(envelopes: ReturnType<typeof createEnvelope>[]): Promise<void> {
    const producer = createTestKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (const envelope of envelopes) {
        await producer.send({
          topic: `${prefix}crm.${envelope.source.replace('crm/', '')}.events`,
          messages: [{ key: envelope.subject, value: JSON.stringify(envelope) }],
          acks: -1,
        });
      }
    } finally {
      await producer.disconnect();
    }
  }
});
