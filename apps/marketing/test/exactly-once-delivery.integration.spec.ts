import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { eventsTopic, PUBLISHING_SERVICES } from '@crm/events';
import { signAccessToken } from '@crm/subgraph';
import {
  createTestTopics,
  dataOf,
  deleteTestTopics,
  eventually,
  postGraphQL,
  startSubgraphProcess,
  uniqueKafkaName,
  type SubgraphUnderTest,
  SmtpSink,
} from '@crm/testing';

const RECIPIENTS = 1000;
const OPTED_OUT = 100;
const KILL_AFTER = 300;
const CONCURRENCY = 4;
const JWT_SECRET = 'marketing-crash-test-secret-marketing-crash';
const prefix = `${uniqueKafkaName('marketing-crash')}.`;
const topics = PUBLISHING_SERVICES.map((service) => prefix + eventsTopic(service));

/**
 * The marketing service as a real process, killed with SIGKILL in the middle of a 1,000-recipient
 * campaign and started again: the SMTP server must end up with exactly one distinct message per
 * consenting recipient.
 */
describe('campaign delivery across a crash', () => {
  let smtp: SmtpSink;
  let marketing: SubgraphUnderTest;
  let token: string;
  const tenantId = randomUUID();

  const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await postGraphQL(marketing.process.graphqlUrl, query, { token, variables }), query.slice(0, 40));

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    await createTestTopics(topics);
    marketing = await startSubgraphProcess('marketing', {
      JWT_SECRET,
      MARKETING_LINK_SECRET: 'crash-test-link-secret-crash-test-link-secret',
      SMTP_URL: smtp.url,
      KAFKA_TOPIC_PREFIX: prefix,
      MARKETING_SEND_RATE_PER_SECOND: '100',
      MARKETING_SENDER_CONCURRENCY: String(CONCURRENCY),
      MARKETING_SENDER_IDLE_POLL_MS: '100',
      // Short, so the recipient in doubt after the kill is retried within the test; long enough that
      // a send stalled by a loaded machine is not taken over (and duplicated) by another worker.
      MARKETING_SEND_LEASE_SECONDS: '10',
      LOG_LEVEL: 'warn',
    });
    token = await signAccessToken(
      { tenantId, userId: randomUUID(), roles: ['MARKETER'], email: 'marketer@test.example' },
      { secret: JWT_SECRET },
    );
  }, 120_000);

  afterAll(async () => {
    await marketing?.stop();
    await smtp?.stop();
    await deleteTestTopics(topics);
  });

  it('sends exactly one message per consenting recipient although the sender is killed mid-campaign', async () => {
    const owner = new Pool({ connectionString: marketing.database.ownerUrl, max: 1 });
    const accounts: { account_id: string; n: number }[] = (
      await owner.query(
        `INSERT INTO "customer_profiles" ("tenant_id", "account_id", "kind", "sales_model", "display_name", "first_name", "emails")
         SELECT $1, gen_random_uuid(), 'PERSON', 'B2C', 'Customer ' || n, 'Name' || n, ARRAY['c' || n || '@example.com']
         FROM generate_series(1, $2::int) AS n
         RETURNING "account_id", substring("first_name" FROM 5)::int AS "n"`,
        [tenantId, RECIPIENTS],
      )
    ).rows;
    await owner.end();
    const optedOut = new Set(accounts.filter(({ n }) => n <= OPTED_OUT).map(({ n }) => n));
    for (let start = 0; start < accounts.length; start += 25) {
      await Promise.all(
        accounts.slice(start, start + 25).map(({ account_id: accountId, n }) =>
          graphql(
            `
              mutation ($accountId: ID!, $state: ConsentState!) {
                setConsent(accountId: $accountId, channel: EMAIL, state: $state, source: "import")
              }
            `,
            { accountId, state: optedOut.has(n) ? 'OPTED_OUT' : 'OPTED_IN' },
          ),
        ),
      );
    }
    const segment = await graphql(`
      mutation {
        createSegment(input: { name: "All", rules: { field: "salesModel", op: "eq", value: "B2C" } }) {
          id
        }
      }
    `);
    const campaign = await graphql(
      `
        mutation ($segmentId: ID!) {
          createCampaign(
            input: {
              name: "Crash"
              channel: EMAIL
              segmentId: $segmentId
              subject: "Hello {{firstName}}"
              body: "Dear {{firstName}}, our spring beans are here."
            }
          ) {
            id
          }
        }
      `,
      { segmentId: (segment['createSegment'] as { id: string }).id },
    );
    const campaignId = (campaign['createCampaign'] as { id: string }).id;
    await graphql(
      `
        mutation ($id: ID!) {
          launchCampaign(id: $id) {
            id
          }
        }
      `,
      { id: campaignId },
    );

    await eventually(
      'about 300 messages delivered',
      () => smtp.received.length,
      (count) => count >= KILL_AFTER,
      {
        timeoutMs: 60_000,
        intervalMs: 5,
      },
    );
    process.kill(marketing.process.pid, 'SIGKILL');
    await marketing.process.whenExited();
    const deliveredBeforeKill = smtp.received.length;
    expect(deliveredBeforeKill).toBeLessThan(RECIPIENTS - OPTED_OUT);

    await marketing.restart();
    const stats = await eventually(
      'the campaign sent to the end',
      async () =>
        (
          await graphql(
            `
              query ($id: ID!) {
                campaign(id: $id) {
                  status
                  stats {
                    targeted
                    skippedNoConsent
                    sent
                    failed
                  }
                }
              }
            `,
            { id: campaignId },
          )
        )['campaign'] as { status: string; stats: Record<string, number> },
      (current) => current.status === 'SENT',
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    expect(stats.stats).toEqual({
      targeted: RECIPIENTS,
      skippedNoConsent: OPTED_OUT,
      sent: RECIPIENTS - OPTED_OUT,
      failed: 0,
    });

    // Exactly one distinct message per consenting recipient, none to those who opted out.
    expect(smtp.distinctMessageIds().size).toBe(RECIPIENTS - OPTED_OUT);
    const messageIdsByAddress = new Map<string, Set<string>>();
    for (const mail of smtp.received) {
      messageIdsByAddress.set(mail.to, (messageIdsByAddress.get(mail.to) ?? new Set()).add(mail.messageId));
    }
    expect(messageIdsByAddress.size).toBe(RECIPIENTS - OPTED_OUT);
    expect([...messageIdsByAddress.values()].every((ids) => ids.size === 1)).toBe(true);
    for (const { n } of accounts) {
      const mails = smtp.to(`c${n}@example.com`);
      if (optedOut.has(n)) {
        expect(mails).toHaveLength(0);
        continue;
      }
      expect(mails[0]?.subject).toBe(`Hello Name${n}`);
      expect(mails[0]?.text).toContain(`Dear Name${n}, our spring beans`);
      expect(mails[0]?.headers.get('list-unsubscribe')).toMatch(
        /^<http.*\/marketing\/unsubscribe\?token=.+>$/,
      );
      expect(mails[0]?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    }
    // The kill can land after the SMTP server accepted a message and before the service recorded
    // it: such a recipient is sent again, with the same Message-ID. At most one per worker.
    expect(smtp.received.length - (RECIPIENTS - OPTED_OUT)).toBeLessThanOrEqual(CONCURRENCY);
  }, 240_000);
});
