/**
 * Benchmark (not a test): the marketing service as its own process (fresh database, real Kafka).
 *
 *   npx tsx tools/bench/marketing-segments-and-sending.bench.ts [--profiles 200000] [--orders 1000000]
 *       [--previews 40] [--recipients 2000]
 *
 * 1. previewSegment latency (p50/p95) over GraphQL on a tenant with --profiles profiles and --orders
 *    orders, for a purchase-history rule (the example) and an RFM rule (quintiles stored on
 *    the profile by the RFM refresher; its first run after a restart is timed too).
 * 2. Campaign send throughput (messages/s) to an SMTP server on loopback, rate limit lifted, for
 *    --recipients opted-in recipients: from launchCampaign until the server has them all.
 *
 * Profiles, orders and consents are bulk-inserted as the database owner, with the aggregates derived
 * in one set-based statement (equivalent to the projection's per-account recompute): replaying a
 * million order events through Kafka would measure the consumer, not the segment query.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { eventsTopic, PUBLISHING_SERVICES } from '@crm/events';
import { signAccessToken } from '@crm/subgraph';
import {
  createTestTopics,
  dataOf,
  deleteTestTopics,
  postGraphQL,
  SmtpSink,
  startSubgraphProcess,
  uniqueKafkaName,
} from '@crm/testing';

const JWT_SECRET = 'marketing-bench-secret-0123456789abcdefghij';

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '200000' },
    orders: { type: 'string', default: '1000000' },
    previews: { type: 'string', default: '40' },
    recipients: { type: 'string', default: '2000' },
  },
});
const PROFILES = Number(values.profiles);
const ORDERS = Number(values.orders);
const PREVIEWS = Number(values.previews);
const RECIPIENTS = Number(values.recipients);

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? NaN;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

async function seed(
  owner: Pool,
  tenantId: string,
  profiles: number,
  orders: number,
  optedIn: boolean,
): Promise<void> {
  await owner.query(
    `INSERT INTO "customer_profiles" ("tenant_id", "account_id", "kind", "sales_model", "display_name", "first_name",
       "city", "tier", "emails")
     SELECT $1, gen_random_uuid(), 'PERSON', CASE WHEN n % 5 = 0 THEN 'B2B' ELSE 'B2C' END, 'Customer ' || n, 'Name' || n,
       (ARRAY['Tehran', 'Shiraz', 'Tabriz', 'Mashhad'])[1 + n % 4], (ARRAY['gold', 'silver', NULL])[1 + n % 3],
       ARRAY['c' || n || '@bench.example']
     FROM generate_series(1, $2::int) AS n`,
    [tenantId, profiles],
  );
  if (orders > 0) {
    await owner.query(
      `WITH "accounts" AS (SELECT "account_id", row_number() OVER () AS "i" FROM "customer_profiles" WHERE "tenant_id" = $1)
       INSERT INTO "profile_orders" ("tenant_id", "order_id", "account_id", "placed_at", "total_minor", "currency",
         "product_ids", "categories")
       SELECT $1, gen_random_uuid(), "a"."account_id", now() - make_interval(days => ((n * 7919) % 720)::int),
         100000 + (n * 104729) % 9000000, 'IRR', ARRAY[]::uuid[],
         ARRAY[(ARRAY['coffee', 'tea', 'cups', 'grinders', 'beans'])[1 + n % 5]]
       FROM generate_series(1, $2::bigint) AS n JOIN "accounts" "a" ON "a"."i" = 1 + (n * 31) % $3`,
      [tenantId, orders, profiles],
    );
    await owner.query(
      `UPDATE "customer_profiles" "p" SET "order_count" = "o"."n", "total_spent_minor" = "o"."spent",
         "first_order_at" = "o"."first", "last_order_at" = "o"."last", "purchased_categories" = "o"."categories"
       FROM (SELECT "account_id", count(*) AS "n", sum("total_minor") AS "spent", min("placed_at") AS "first",
               max("placed_at") AS "last", array_agg(DISTINCT "c") AS "categories"
             FROM "profile_orders", unnest("categories") AS "c" WHERE "tenant_id" = $1 GROUP BY "account_id") "o"
       WHERE "p"."tenant_id" = $1 AND "p"."account_id" = "o"."account_id"`,
      [tenantId],
    );
  }
  if (optedIn) {
    await owner.query(
      `INSERT INTO "consents" ("tenant_id", "account_id", "channel", "state", "source", "changed_at", "version")
       SELECT "tenant_id", "account_id", 'EMAIL', 'OPTED_IN', 'bench', now(), 1 FROM "customer_profiles" WHERE "tenant_id" = $1`,
      [tenantId],
    );
  }
  await owner.query(`ANALYZE`);
}

async function main(): Promise<void> {
  const prefix = `${uniqueKafkaName('marketing-bench')}.`;
  const topics = PUBLISHING_SERVICES.map((service) => prefix + eventsTopic(service));
  await createTestTopics(topics);
  const smtp = await SmtpSink.start();
  const marketing = await startSubgraphProcess('marketing', {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET,
    KAFKA_TOPIC_PREFIX: prefix,
    MARKETING_LINK_SECRET: 'marketing-bench-link-secret-0123456789abcdef',
    SMTP_URL: smtp.url,
    MARKETING_SEND_RATE_PER_SECOND: '10000',
    MARKETING_SENDER_IDLE_POLL_MS: '50',
  });
  const owner = new Pool({ connectionString: marketing.database.ownerUrl, max: 2 });
  try {
    const tokenFor = async (tenantId: string) =>
      signAccessToken(
        { tenantId, userId: randomUUID(), roles: ['MARKETER'], email: 'bench@bench.example' },
        { secret: JWT_SECRET },
      );
    const call = async (token: string, query: string, variables: Record<string, unknown> = {}) =>
      dataOf(
        await postGraphQL(marketing.process.graphqlUrl, query, { token, variables }),
        query.slice(0, 40),
      );

    // 1. previewSegment
    const segmentsTenant = randomUUID();
    let started = Date.now();
    await seed(owner, segmentsTenant, PROFILES, ORDERS, false);
    print(
      `seeded ${PROFILES} profiles and ${ORDERS} orders in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    // RFM quintiles are refreshed at start and then hourly: restart, and time the first refresh.
    await marketing.process.stop();
    await marketing.restart();
    started = Date.now();
    for (;;) {
      const { rows } = await owner.query(
        `SELECT 1 FROM "customer_profiles" WHERE "tenant_id" = $1 AND "rfm_recency" IS NOT NULL LIMIT 1`,
        [segmentsTenant],
      );
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    print(
      `RFM refresh of the tenant: done ${((Date.now() - started) / 1000).toFixed(1)} s after the restarted service was ready`,
    );
    const token = await tokenFor(segmentsTenant);
    const rules = {
      'purchase history (issue example)': {
        and: [
          { field: 'salesModel', op: 'eq', value: 'B2C' },
          { field: 'totalSpentMinor', op: 'gte', value: 5_000_000 },
          { field: 'daysSinceLastOrder', op: 'lte', value: 90 },
          { field: 'purchasedCategory', op: 'contains', value: 'coffee' },
        ],
      },
      'RFM champions (rfmScore >= 444)': { field: 'rfmScore', op: 'gte', value: 444 },
    };
    for (const [label, rule] of Object.entries(rules)) {
      const latencies: number[] = [];
      let count = 0;
      for (let index = 0; index < PREVIEWS + 3; index += 1) {
        started = performance.now();
        count = (
          await call(token, `query ($rules: JSON!) { previewSegment(rules: $rules) }`, { rules: rule })
        )['previewSegment'] as number;
        if (index >= 3) latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      print(
        `previewSegment ${label}: ${count} members; p50 ${percentile(latencies, 0.5).toFixed(0)} ms, ` +
          `p95 ${percentile(latencies, 0.95).toFixed(0)} ms over ${PREVIEWS} requests`,
      );
    }

    // 2. send throughput
    const sendTenant = randomUUID();
    await seed(owner, sendTenant, RECIPIENTS, 0, true);
    const sendToken = await tokenFor(sendTenant);
    const segment = await call(
      sendToken,
      `mutation { createSegment(input: {name: "All", rules: {field: "city", op: "neq", value: "-"}}) { id } }`,
    );
    const campaign = await call(
      sendToken,
      `mutation ($segmentId: ID!) { createCampaign(input: {name: "Bench", channel: EMAIL, segmentId: $segmentId,
        subject: "Hi {{firstName}}", body: "Dear {{firstName}}, see https://shop.bench.example/offer"}) { id } }`,
      { segmentId: (segment['createSegment'] as { id: string }).id },
    );
    started = performance.now();
    await call(sendToken, `mutation ($id: ID!) { launchCampaign(id: $id) { id } }`, {
      id: (campaign['createCampaign'] as { id: string }).id,
    });
    while (smtp.received.length < RECIPIENTS) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    print(
      `campaign send: ${RECIPIENTS} messages in ${seconds.toFixed(1)} s = ${(RECIPIENTS / seconds).toFixed(0)} messages/s`,
    );
  } finally {
    await owner.end();
    await marketing.stop();
    await smtp.stop();
    await deleteTestTopics(topics);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
