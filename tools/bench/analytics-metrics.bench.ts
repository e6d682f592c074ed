/**
 * Benchmark (not a test) of the analytics read model, printing figures for apps/analytics/README.md:
 *
 *   npx tsx tools/bench/analytics-metrics.bench.ts [--orders 1000000] [--accounts 100000]
 *       [--opportunities 200000] [--runs 40] [--ingest-orders 5000] [--lag-rate 500] [--lag-seconds 20]
 *       [--consumers 1]
 *
 * 1. Query: fills a fresh database with the given volume (straight SQL into the facts, then the
 *    rollups derived by the service's own code), then times `salesPerformance` monthly over one year
 *    from the rollups vs. the same figure by a GROUP BY over the facts (p50/p95 of --runs each).
 * 2. Ingest: publishes --ingest-orders orders (OrderPlaced + PaymentRecorded) to Kafka, then starts
 *    the real consumer and times how fast it applies them (events/s).
 * 3. Lag: publishes orders at --lag-rate orders/s for --lag-seconds while the consumer runs, and
 *    measures, per event, the time from its envelope time (the producer's commit) to the commit of
 *    its effect on the rollups.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { runMigrations, TenantScopedDatabase } from '@crm/database';
import { eventsTopic, type EventEnvelope } from '@crm/events';
import { consumerGroupId, createKafka, EventConsumer, subscribedTopics } from '@crm/messaging';
import { createLogger } from '@crm/subgraph';
import {
  committedOffsets,
  createTestDatabase,
  createTestKafka,
  createTestTopics,
  deleteTestTopics,
  topicEndOffsets,
  uniqueKafkaName,
} from '@crm/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the benchmark times the service's own read-model code
   in process (queries, rollup derivation, projection), which no public API exposes without HTTP noise. */
import { analyticsDatabaseOptions, createAnalyticsDataSource } from '../../apps/analytics/src/database';
import { metricsWindow } from '../../apps/analytics/src/metrics/metrics-window';
import { salesPerformance } from '../../apps/analytics/src/metrics/sales-performance';
import {
  PROJECTED_SERVICES,
  readModelProjection,
} from '../../apps/analytics/src/projection/projection-handlers';
import { recomputeSalesRollups } from '../../apps/analytics/src/projection/sales-rollup';
import { EventFactory } from '../../apps/analytics/test/support/event-factory';
/* eslint-enable @nx/enforce-module-boundaries */

const logger = createLogger('analytics-bench', 'silent');

function option(values: Record<string, string | undefined>, name: string): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value: number) => Math.round(value * 10) / 10;

async function fillReadModel(
  ownerUrl: string,
  tenantId: string,
  volume: { orders: number; accounts: number; opportunities: number },
) {
  const owner = new Pool({ connectionString: ownerUrl, max: 1 });
  const started = Date.now();
  const sql = (text: string, parameters: unknown[] = []) => owner.query(text, parameters);
  await sql(`SET app.tenant_id = '${tenantId}'`);
  await sql(
    `INSERT INTO "account_dim" ("tenant_id", "account_id", "kind", "sales_model", "sequence")
     SELECT $1, md5('account' || n)::uuid, CASE WHEN n % 5 = 0 THEN 'COMPANY' ELSE 'PERSON' END,
            CASE WHEN n % 5 = 0 THEN 'B2B' ELSE 'B2C' END, 1
     FROM generate_series(1, $2) AS n`,
    [tenantId, volume.accounts],
  );
  await sql(
    `INSERT INTO "order_fact" ("tenant_id", "order_id", "number", "account_id", "sales_model", "channel", "campaign_id",
       "owner_id", "currency", "total_minor", "status", "placed_at")
     SELECT $1, md5('order' || n)::uuid, 'SO-' || n, md5('account' || (1 + n % $3))::uuid,
            CASE WHEN (1 + n % $3) % 5 = 0 THEN 'B2B' ELSE 'B2C' END,
            (ARRAY['WEB', 'STORE', 'SALES_REP', 'PHONE', 'MARKETPLACE'])[1 + n % 5],
            CASE WHEN n % 7 = 0 THEN md5('campaign' || (n % 10))::uuid END,
            md5('owner' || (n % 50))::uuid, 'IRR', 100000 + (n % 997) * 1000, 'CONFIRMED',
            timestamptz '2025-01-01' + (n % 365) * interval '1 day' + (n % 86400) * interval '1 second'
     FROM generate_series(1, $2) AS n`,
    [tenantId, volume.orders, volume.accounts],
  );
  await sql(
    `INSERT INTO "money_movement_fact" ("tenant_id", "movement_id", "kind", "order_id", "amount_minor", "currency", "occurred_at")
     SELECT o."tenant_id", md5('payment' || o."order_id")::uuid, 'PAYMENT', o."order_id", o."total_minor", 'IRR',
            o."placed_at" + interval '10 minutes'
     FROM "order_fact" o WHERE o."tenant_id" = $1`,
    [tenantId],
  );
  await sql(
    `INSERT INTO "money_movement_fact" ("tenant_id", "movement_id", "kind", "order_id", "amount_minor", "currency", "occurred_at")
     SELECT o."tenant_id", md5('refund' || o."order_id")::uuid, 'REFUND', o."order_id", -(o."total_minor" / 4), 'IRR',
            o."placed_at" + interval '5 days'
     FROM "order_fact" o WHERE o."tenant_id" = $1 AND o."number" LIKE '%3'`,
    [tenantId],
  );
  await sql(
    `INSERT INTO "opportunity_fact" ("tenant_id", "opportunity_id", "account_id", "pipeline_id", "sales_model", "stage_id",
       "amount_minor", "currency", "probability", "status", "created_at", "closed_at", "sequence")
     SELECT $1, md5('deal' || n)::uuid, md5('account' || (1 + n % $3))::uuid, md5('pipeline')::uuid, 'B2B',
            md5('stage' || (n % 4))::uuid, 1000000 + n % 1000, 'IRR', 10 * (n % 10),
            (ARRAY['OPEN', 'WON', 'LOST'])[1 + n % 3], timestamptz '2025-01-01' + (n % 300) * interval '1 day',
            CASE WHEN n % 3 <> 0 THEN timestamptz '2025-01-01' + (n % 300 + 20) * interval '1 day' END, 1
     FROM generate_series(1, $2) AS n`,
    [tenantId, volume.opportunities, volume.accounts],
  );
  await sql(`ANALYZE`);
  await owner.end();
  return (Date.now() - started) / 1000;
}

async function benchmarkQueries(appUrl: string, ownerUrl: string, tenantId: string, runs: number) {
  const { dataSource } = createAnalyticsDataSource(appUrl);
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);
  const rollupStarted = Date.now();
  await database.inTenant(tenantId, (manager) =>
    recomputeSalesRollups({ manager, tenantId, defaultTimeZone: 'UTC' }),
  );
  const rollupSeconds = (Date.now() - rollupStarted) / 1000;
  // What autovacuum does after a bulk change; without it the planner sees empty rollups.
  const owner = new Pool({ connectionString: ownerUrl, max: 1 });
  await owner.query(`ANALYZE "daily_sales", "daily_customer", "period_customer", "period_customer_count"`);
  await owner.end();
  const window = metricsWindow(
    { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') },
    'UTC',
  );
  const time = async (source: 'rollups' | 'facts') => {
    const samples: number[] = [];
    let figures = '';
    for (let run = 0; run < runs; run += 1) {
      const started = process.hrtime.bigint();
      const result = await database.inTenant(tenantId, (manager) =>
        salesPerformance(manager, {
          tenantId,
          timeZone: 'UTC',
          currency: 'IRR',
          window,
          granularity: 'MONTH',
          calendar: 'GREGORIAN',
          source,
        }),
      );
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      figures = JSON.stringify([result.total, result.orders, result.series, result.bySalesModel]);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), figures };
  };
  const rollups = await time('rollups');
  const facts = await time('facts');
  await dataSource.destroy();
  return { rollupSeconds, rollups, facts };
}

/** An order placed and paid now, as orders would publish it. */
function orderEvents(factory: EventFactory, index: number): EventEnvelope[] {
  const orderId = randomUUID();
  const accountId = randomUUID();
  const amount = BigInt(100000 + (index % 997) * 1000);
  const now = new Date().toISOString();
  return [
    factory.order({ orderId, accountId, placedAt: now, amount }),
    factory.payment({ orderId, accountId, amount, receivedAt: now }),
  ];
}

async function benchmarkIngestAndLag(
  appUrl: string,
  options: { ingestOrders: number; lagRate: number; lagSeconds: number; consumers: number },
) {
  const prefix = `${uniqueKafkaName('analytics-bench')}.`;
  const topics = subscribedTopics(prefix, PROJECTED_SERVICES);
  await createTestTopics([...topics, ...topics.map((topic) => `${topic}.dlq`)], { partitions: 6 });
  const ordersTopic = prefix + eventsTopic('orders');
  const factory = new EventFactory(randomUUID(), () => new Date());
  const producer = createTestKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const send = (events: EventEnvelope[]) =>
    producer.send({
      topic: ordersTopic,
      acks: -1,
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });

  for (let start = 0; start < options.ingestOrders; start += 500) {
    const batch = Array.from({ length: Math.min(500, options.ingestOrders - start) }, (_, offset) =>
      orderEvents(factory, start + offset),
    ).flat();
    await send(batch);
  }
  const { dataSource } = createAnalyticsDataSource(appUrl, { poolSize: 4 * options.consumers });
  await dataSource.initialize();
  const database = new TenantScopedDatabase(dataSource);
  const lags: number[] = [];
  let measuring = false;
  const groupId = consumerGroupId(prefix, 'analytics', 'bench');
  const consumers = Array.from(
    { length: options.consumers },
    () =>
      new EventConsumer({
        kafka: createKafka({ brokers: ['127.0.0.1:9092'], clientId: 'analytics-bench', logger }),
        groupId,
        topics,
        database,
        ...readModelProjection({ defaultTimeZone: 'UTC' }),
        logger,
        fromBeginning: true,
        // Runs once the effect's transaction committed: the moment the figure is visible.
        beforeOffsetCommit: async (event) => {
          if (measuring) lags.push(Date.now() - Date.parse(event.time));
        },
      }),
  );
  const caughtUp = async () => {
    const end = await topicEndOffsets(ordersTopic);
    for (;;) {
      const committed = await committedOffsets(groupId, ordersTopic);
      if ([...end].every(([partition, offset]) => offset === 0 || (committed.get(partition) ?? -1) >= offset))
        return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const ingestStarted = Date.now();
  await Promise.all(consumers.map((consumer) => consumer.start()));
  await caughtUp();
  const ingestSeconds = (Date.now() - ingestStarted) / 1000;

  measuring = true;
  const total = options.lagRate * options.lagSeconds;
  const lagStarted = Date.now();
  for (let sent = 0; sent < total; ) {
    // Ten sends a second keep the rate even without one request per order.
    const due = Math.min(total, Math.floor(((Date.now() - lagStarted) / 1000) * options.lagRate));
    if (due > sent) {
      await send(
        Array.from({ length: due - sent }, (_, offset) =>
          orderEvents(factory, options.ingestOrders + sent + offset),
        ).flat(),
      );
      sent = due;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await caughtUp();
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await producer.disconnect();
  await dataSource.destroy();
  await deleteTestTopics([...topics, ...topics.map((topic) => `${topic}.dlq`)]);
  return {
    eventsPerSecond: (options.ingestOrders * 2) / ingestSeconds,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
    lagSamples: lags.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '1000000' },
      accounts: { type: 'string', default: '100000' },
      opportunities: { type: 'string', default: '200000' },
      runs: { type: 'string', default: '40' },
      'ingest-orders': { type: 'string', default: '5000' },
      'lag-rate': { type: 'string', default: '500' },
      'lag-seconds': { type: 'string', default: '20' },
      consumers: { type: 'string', default: '1' },
    },
  });
  const volume = {
    orders: option(values, 'orders'),
    accounts: option(values, 'accounts'),
    opportunities: option(values, 'opportunities'),
  };
  const database = await createTestDatabase('analytics_bench');
  try {
    await runMigrations(analyticsDatabaseOptions(database.ownerUrl));
    const tenantId = randomUUID();
    const fillSeconds = await fillReadModel(database.ownerUrl, tenantId, volume);
    process.stdout.write(
      `filled ${volume.orders} orders, ${volume.accounts} accounts, ${volume.opportunities} opportunities in ${round(fillSeconds)} s\n`,
    );
    const queries = await benchmarkQueries(
      database.appUrl,
      database.ownerUrl,
      tenantId,
      option(values, 'runs'),
    );
    process.stdout.write(`rollups derived from the facts in ${round(queries.rollupSeconds)} s\n`);
    process.stdout.write(
      `salesPerformance MONTH over 2025 from rollups: p50 ${round(queries.rollups.p50)} ms, p95 ${round(queries.rollups.p95)} ms\n` +
        `same figure by GROUP BY over the facts:        p50 ${round(queries.facts.p50)} ms, p95 ${round(queries.facts.p95)} ms\n` +
        `ratio (p95 facts / p95 rollups): ${round(queries.facts.p95 / queries.rollups.p95)}x; same figures (revenue, orders, customers per bucket): ${queries.rollups.figures === queries.facts.figures}\n`,
    );
    const stream = await benchmarkIngestAndLag(database.appUrl, {
      ingestOrders: option(values, 'ingest-orders'),
      lagRate: option(values, 'lag-rate'),
      lagSeconds: option(values, 'lag-seconds'),
      consumers: option(values, 'consumers'),
    });
    process.stdout.write(
      `ingest: ${round(stream.eventsPerSecond)} events/s (${option(values, 'consumers')} consumer(s))\n` +
        `lag at ${option(values, 'lag-rate')} orders/s: p50 ${stream.lagP50} ms, p99 ${stream.lagP99} ms over ${stream.lagSamples} events\n`,
    );
  } finally {
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
