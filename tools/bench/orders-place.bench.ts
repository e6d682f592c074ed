/**
 * Benchmark (not a test): placeOrder through the gateway, with the outbox on (every order writes
 * its OrderPlaced row and the relay publishes it to Kafka), against a plain INSERT of the same rows
 * (order, line, status-history entry, outbox row) straight into PostgreSQL, in the same run; and
 * placeOrder straight to the orders subgraph, which tells the gateway's share from the service's.
 *
 *   npx tsx tools/bench/orders-place.bench.ts [--warmup 3] [--duration 10] [--connections 10] [--tenants 1]
 *
 * Order numbers are gap-free per tenant, so one tenant's placements commit one after another (see
 * apps/orders/src/order/order-writer.ts); --tenants spreads the load to show what several tenants get.
 * It starts its own accounts, orders and gateway (fresh databases, real Kafka under a prefix of its
 * own), signs up a tenant, creates one B2C customer and a priced product, then measures. Every
 * request carries a new idempotencyKey, so every request places a new order.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { eventsTopic, PUBLISHING_SERVICES } from '@crm/events';
import {
  createPerson,
  createTestTopics,
  dataOf,
  eventually,
  postGraphQL,
  signUpTenant,
  startGatewayProcess,
  startSubgraphProcess,
  uniqueKafkaName,
} from '@crm/testing';

interface BenchOptions {
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  /** Orders are spread round-robin over this many tenants (each numbers its orders on its own). */
  tenants: number;
}

interface Measurement {
  label: string;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

const PLACE_ORDER = `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id number total { amountMinor } } }`;

function positiveNumber(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      warmup: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      tenants: { type: 'string', default: '1' },
    },
  });
  return {
    warmupSeconds: positiveNumber('warmup', values.warmup),
    durationSeconds: positiveNumber('duration', values.duration),
    connections: positiveNumber('connections', values.connections),
    tenants: positiveNumber('tenants', values.tenants),
  };
}

interface Shop {
  token: string;
  tenantId: string;
  accountId: string;
  productId: string;
}

async function setUpShop(gatewayUrl: string, index: number): Promise<Shop> {
  const { token, tenantId } = await signUpTenant(gatewayUrl, `Benchmark Retail ${index + 1}`);
  const accountId = await createPerson(gatewayUrl, token, 'Bench', 'Buyer');
  const call = async (query: string, variables: Record<string, unknown>, field: string) =>
    dataOf(await postGraphQL(gatewayUrl, query, { token, variables }), field)[field] as { id: string };
  const product = await call(
    `mutation { upsertProduct(sku: "BENCH-1", name: "Bench item", type: GOODS, taxRatePercent: 9) { id } }`,
    {},
    'upsertProduct',
  );
  const list = await call(
    `mutation { createPriceList(name: "Retail", salesModel: B2C, currency: "IRR", taxInclusive: true, isDefault: true) { id } }`,
    {},
    'createPriceList',
  );
  await call(
    `mutation ($list: ID!, $product: ID!) { setPrice(priceListId: $list, productId: $product, minQuantity: 1, unitPriceMinor: "1090000") { id } }`,
    { list: list.id, product: product.id },
    'setPrice',
  );
  // Orders hears of the customer through accounts' events.
  await eventually(
    'orders to know the customer',
    () =>
      postGraphQL(
        gatewayUrl,
        `query ($p: ID!, $a: ID!) { price(productId: $p, accountId: $a, quantity: 1) { amountMinor } }`,
        {
          token,
          variables: { p: product.id, a: accountId },
        },
      ),
    (result) => result.errors === undefined,
    { timeoutMs: 60_000 },
  );
  return { token, tenantId, accountId, productId: product.id };
}

async function measurePlaceOrder(url: string, shops: Shop[], options: BenchOptions, duration: number) {
  let failures = 0;
  let sent = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const shop = shops[(sent += 1) % shops.length] as Shop;
          return {
            ...request,
            headers: { ...request.headers, authorization: `Bearer ${shop.token}` },
            body: JSON.stringify({
              query: PLACE_ORDER,
              variables: {
                input: {
                  accountId: shop.accountId,
                  channel: 'WEB',
                  idempotencyKey: randomUUID(),
                  lines: [{ productId: shop.productId, quantity: 1 }],
                },
              },
            }),
          };
        },
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) failures += 1;
        },
      },
    ],
  });
  return {
    ordersPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: failures + result.errors + result.non2xx,
  };
}

/**
 * The same rows placeOrder writes, as plain INSERTs in one transaction per order, from as many
 * concurrent clients as autocannon has connections: no HTTP, no GraphQL, no validation, pricing or
 * numbering lock. Latency is measured per transaction.
 */
async function measurePlainInserts(
  ownerUrl: string,
  shops: Shop[],
  options: BenchOptions,
  durationSeconds: number,
) {
  const pool = new Pool({ connectionString: ownerUrl, max: options.connections });
  const latencies: number[] = [];
  let sequence = 1_000_000;
  const deadline = Date.now() + durationSeconds * 1000;
  const insertOne = async () => {
    const shop = shops[sequence % shops.length] as Shop;
    const client = await pool.connect();
    const started = process.hrtime.bigint();
    const orderId = randomUUID();
    const number = `BENCH-${(sequence += 1)}`;
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO "orders" ("tenant_id", "id", "number", "account_id", "sales_model", "channel", "currency", "status",
           "payment_status", "fulfilment_status", "subtotal_minor", "discount_minor", "tax_minor", "total_minor",
           "paid_minor", "refunded_minor", "idempotency_key", "payload_hash", "placed_at", "version")
         VALUES ($1, $2, $3, $4, 'B2C', 'WEB', 'IRR', 'PENDING', 'UNPAID', 'UNFULFILLED', 1090000, 0, 90000, 1090000, 0, 0, $5, 'x', now(), 1)`,
        [shop.tenantId, orderId, number, shop.accountId, `bench:${orderId}`],
      );
      await client.query(
        `INSERT INTO "order_lines" ("tenant_id", "order_id", "position", "product_id", "sku", "description", "quantity",
           "unit_price_minor", "discount_bp", "tax_rate_bp", "gross_minor", "discount_minor", "tax_minor", "total_minor")
         VALUES ($1, $2, 0, $3, 'BENCH-1', 'Bench item', 1, 1090000, 0, 900, 1090000, 0, 90000, 1090000)`,
        [shop.tenantId, orderId, shop.productId],
      );
      await client.query(
        `INSERT INTO "order_status_changes" ("tenant_id", "id", "order_id", "field", "to_status", "changed_at")
         VALUES ($1, $2, $3, 'status', 'PENDING', now())`,
        [shop.tenantId, randomUUID(), orderId],
      );
      await client.query(
        `INSERT INTO "outbox" ("id", "tenant_id", "topic", "message_key", "envelope", "published_at")
         VALUES ($1, $2, 'bench.plain-inserts', $3, '{"bench":true}', now())`,
        [randomUUID(), shop.tenantId, orderId],
      );
      await client.query('COMMIT');
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const worker = async () => {
    while (Date.now() < deadline) await insertOne();
  };
  const started = Date.now();
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    await pool.end();
  }
  const elapsedSeconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    ordersPerSecond: latencies.length / elapsedSeconds,
    p50Ms: Math.round(percentile(50) * 10) / 10,
    p99Ms: Math.round(percentile(99) * 10) / 10,
    failures: 0,
  };
}

/** Orders placed through the API (numbered ORD-…) and, summed over tenants, the numbers skipped. */
async function countOrders(ownerUrl: string): Promise<{ orders: number; gaps: number }> {
  const pool = new Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ orders: number; gaps: number }>(
      `SELECT coalesce(sum("placed"), 0)::int AS orders, coalesce(sum("highest" - "placed"), 0)::int AS gaps FROM (
         SELECT count(*) AS "placed", max(substring("number" from 5)::int) AS "highest"
         FROM "orders" WHERE "number" LIKE 'ORD-%' GROUP BY "tenant_id") "per_tenant"`,
    );
    return rows[0] ?? { orders: 0, gaps: 0 };
  } finally {
    await pool.end();
  }
}

function report(
  measurements: Measurement[],
  options: BenchOptions,
  placed: { orders: number; gaps: number },
): string {
  const row = (cells: string[]) =>
    cells.map((cell, index) => (index === 0 ? cell.padEnd(26) : cell.padStart(12))).join('');
  const [gateway, direct, plain] = measurements as [Measurement, Measurement, Measurement];
  return [
    `placeOrder (1 line, B2C, tax-inclusive), ${options.tenants} tenant(s), ${options.connections} connections, ` +
      `${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured`,
    row(['', 'orders/s', 'p50', 'p99', 'failures']),
    ...measurements.map((m) =>
      row([m.label, m.ordersPerSecond.toFixed(0), `${m.p50Ms} ms`, `${m.p99Ms} ms`, String(m.failures)]),
    ),
    `placeOrder via gateway / plain INSERT throughput ratio: ${(gateway.ordersPerSecond / plain.ordersPerSecond).toFixed(3)}`,
    `placeOrder direct / plain INSERT throughput ratio: ${(direct.ordersPerSecond / plain.ordersPerSecond).toFixed(3)}`,
    `orders placed through the gateway: ${placed.orders}, gaps in their numbers: ${placed.gaps}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const prefix = `${uniqueKafkaName('orders-bench')}.`;
  await createTestTopics(
    PUBLISHING_SERVICES.flatMap((service) => [
      `${prefix}${eventsTopic(service)}`,
      `${prefix}${eventsTopic(service)}.dlq`,
    ]),
  );
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: `bench-${randomUUID()}`,
    KAFKA_TOPIC_PREFIX: prefix,
  };
  const accounts = await startSubgraphProcess('accounts', env);
  const orders = await startSubgraphProcess('orders', env);
  const gateway = await startGatewayProcess([accounts, orders], env);
  try {
    process.stdout.write(
      `setting up ${options.tenants} tenant(s), each with a customer and a priced product…\n`,
    );
    const shops: Shop[] = [];
    for (let index = 0; index < options.tenants; index += 1)
      shops.push(await setUpShop(gateway.graphqlUrl, index));
    await measurePlaceOrder(gateway.graphqlUrl, shops, options, options.warmupSeconds);
    const gatewayResult = await measurePlaceOrder(
      gateway.graphqlUrl,
      shops,
      options,
      options.durationSeconds,
    );
    const directResult = await measurePlaceOrder(
      orders.process.graphqlUrl,
      shops,
      options,
      options.durationSeconds,
    );
    const plainResult = await measurePlainInserts(
      orders.database.ownerUrl,
      shops,
      options,
      options.durationSeconds,
    );
    const placed = await countOrders(orders.database.ownerUrl);
    process.stdout.write(
      `${report(
        [
          { label: 'placeOrder via gateway', ...gatewayResult },
          { label: 'placeOrder direct', ...directResult },
          { label: 'plain INSERT (same rows)', ...plainResult },
        ],
        options,
        placed,
      )}\n`,
    );
  } finally {
    await gateway.stop();
    await orders.stop();
    await accounts.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
