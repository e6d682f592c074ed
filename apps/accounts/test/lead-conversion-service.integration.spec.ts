import { v7 as uuidv7 } from 'uuid';
import { LeadConverted } from '@crm/events';
import { toKafkaMessage } from '@crm/messaging';
import {
  createTestTopics,
  deleteTestTopics,
  eventually,
  postGraphQL,
  produceRawMessages,
  signUpTenant,
  startSubgraphProcess,
  uniqueKafkaName,
  type SignedUpTenant,
  type SubgraphUnderTest,
} from '@crm/testing';
import { eventOf } from './support/accounts-kafka-harness';

/**
 * The service as deployed (main.ts in its own process): its consumer subscribes to the prefixed
 * pipeline topic and turns a LeadConverted into the account and contact with the ids given.
 */
describe('the accounts process consumes pipeline.LeadConverted', () => {
  const prefix = `${uniqueKafkaName('accounts-e2e')}.`;
  const pipelineTopic = `${prefix}crm.pipeline.events`;
  let accounts: SubgraphUnderTest;
  let tenant: SignedUpTenant;

  beforeAll(async () => {
    await createTestTopics([pipelineTopic, `${pipelineTopic}.dlq`]);
    accounts = await startSubgraphProcess('accounts', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'accounts-e2e-secret-0123456789abcdefghij',
      KAFKA_TOPIC_PREFIX: prefix,
    });
    tenant = await signUpTenant(accounts.process.graphqlUrl, 'Conversion Tenant');
  }, 120_000);

  /** A gauge of the service's /metrics, as Prometheus would scrape it. */
  async function consumerGauge(name: string): Promise<number> {
    const metrics = await (await fetch(`${accounts.process.origin}/metrics`)).text();
    const sample = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics);
    return Number(sample?.[1] ?? NaN);
  }

  afterAll(async () => {
    await accounts?.stop();
    await deleteTestTopics([pipelineTopic, `${pipelineTopic}.dlq`]);
  });

  it('creates the account and contact with exactly the given ids, once, however often it is delivered', async () => {
    const accountId = uuidv7();
    const contactId = uuidv7();
    const leadId = uuidv7();
    const event = eventOf(LeadConverted, {
      tenantId: tenant.tenantId,
      aggregateId: leadId,
      data: {
        lead: {
          leadId,
          status: 'QUALIFIED',
          source: 'EVENT',
          salesModel: 'B2B',
          companyName: 'Darya Logistics',
          firstName: 'Omid',
          lastName: 'Sadeghi',
          email: 'omid@darya.example',
          phone: null,
          campaignId: null,
          score: null,
          ownerId: tenant.userId,
          customFields: { fair: 'Iran Expo' },
          createdAt: '2026-11-20T08:00:00.000Z',
        },
        accountId,
        existingAccount: false,
        contactId,
        opportunityId: uuidv7(),
        convertedAt: '2026-11-26T09:00:00.000Z',
      },
    });
    await produceRawMessages(pipelineTopic, [toKafkaMessage(event), toKafkaMessage(event)]);

    const query = `query ($id: ID!) {
      account(id: $id) { id kind displayName owner { id } customFields contacts { totalCount edges { node { id firstName emails } } } }
    }`;
    const account = await eventually(
      'the converted account',
      async () =>
        (
          await postGraphQL(accounts.process.graphqlUrl, query, {
            token: tenant.token,
            variables: { id: accountId },
          })
        ).data?.account,
      (value) => value != null,
      { timeoutMs: 30_000 },
    );
    expect(account).toEqual({
      id: accountId,
      kind: 'COMPANY',
      displayName: 'Darya Logistics',
      owner: { id: tenant.userId },
      customFields: expect.objectContaining({ fair: 'Iran Expo' }),
      contacts: {
        totalCount: 1,
        edges: [{ node: { id: contactId, firstName: 'Omid', emails: ['omid@darya.example'] } }],
      },
    });

    // Redelivered once more after the first two were handled: the inbox skips both repeats.
    await produceRawMessages(pipelineTopic, [toKafkaMessage(event)]);
    await eventually(
      'both repeats skipped',
      () => consumerGauge('accounts_consumer_duplicate_events'),
      (skipped) => skipped >= 2,
      { timeoutMs: 30_000 },
    );
    expect(await consumerGauge('accounts_consumer_processed_events')).toBe(1);
    const count = `{ accounts(filter: { search: "Darya" }) { totalCount } }`;
    const result = await postGraphQL(accounts.process.graphqlUrl, count, { token: tenant.token });
    expect(result.data).toEqual({ accounts: { totalCount: 1 } });
  });
});
