/**
 * Benchmark (not a test): the pipeline kanban board (every OPEN stage of a pipeline with its count,
 * amount totals and newest 20 deals) for a tenant with many opportunities, and moveOpportunity
 * throughput (each request moves a different deal: stage visit closed and opened, row updated,
 * OpportunityStageChanged written to the outbox, all in one transaction).
 *
 *   npx tsx tools/bench/pipeline-kanban.bench.ts [--opportunities 50000] [--warmup 3] [--duration 10]
 *       [--connections 10]
 *
 * Starts its own pipeline subgraph (fresh database, real Kafka, production mode) and talks to it
 * directly; the opportunities are bulk-inserted with SQL (the API would take minutes to create 50k).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { signAccessToken } from '@crm/subgraph';
import { postGraphQL, startSubgraphProcess, uniqueKafkaName, type SubgraphUnderTest } from '@crm/testing';

interface BenchOptions {
  opportunities: number;
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
}

interface Measurement {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

const BOARD_QUERY = `
  query Board($pipelineId: ID!) {
    opportunityBoard(pipelineId: $pipelineId, perStage: 20) {
      stage { id name probability }
      count
      amountTotals { amountMinor currency }
      opportunities { id name amount { amountMinor currency } probability expectedCloseDate }
    }
  }`;

const MOVE_MUTATION = `
  mutation Move($id: ID!, $stageId: ID!) { moveOpportunity(id: $id, stageId: $stageId) { id version } }`;

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
      opportunities: { type: 'string', default: '50000' },
      warmup: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
    },
  });
  return {
    opportunities: positiveNumber('opportunities', values.opportunities),
    warmupSeconds: positiveNumber('warmup', values.warmup),
    durationSeconds: positiveNumber('duration', values.duration),
    connections: positiveNumber('connections', values.connections),
  };
}

interface Stage {
  id: string;
  type: string;
}

/** Creates the tenant's default B2B pipeline through the API, as a first use would. */
async function defaultPipeline(url: string, token: string): Promise<{ id: string; openStages: string[] }> {
  const result = await postGraphQL(url, `{ pipelines(salesModel: B2B) { id stages { id type } } }`, {
    token,
  });
  const [pipeline] = (result.data?.['pipelines'] ?? []) as { id: string; stages: Stage[] }[];
  if (!pipeline) throw new Error(`no default pipeline: ${JSON.stringify(result.errors)}`);
  return {
    id: pipeline.id,
    openStages: pipeline.stages.filter((stage) => stage.type === 'OPEN').map((s) => s.id),
  };
}

/** Open deals spread over the open stages (a few accounts each), with their current stage visit. */
async function seedOpportunities(
  subgraph: SubgraphUnderTest,
  tenantId: string,
  pipeline: { id: string; openStages: string[] },
  count: number,
): Promise<void> {
  const client = new Client({ connectionString: subgraph.database.ownerUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "opportunities" ("tenant_id", "id", "name", "account_id", "pipeline_id", "stage_id", "sales_model",
         "amount_minor", "currency", "stage_entered_at", "created_at", "updated_at", "version")
       SELECT $1::uuid, gen_random_uuid(), 'Deal ' || n, md5(($1::text) || (n % ($4::int / 3 + 1)))::uuid, $2::uuid,
         ($3::uuid[])[1 + n % array_length($3::uuid[], 1)], 'B2B', (1 + n % 997) * 1000000, 'IRR',
         now() - n * interval '1 minute', now() - n * interval '1 minute', now(), 1
       FROM generate_series(1, $4::int) AS n`,
      [tenantId, pipeline.id, pipeline.openStages, count],
    );
    await client.query(
      `INSERT INTO "stage_visits" ("tenant_id", "id", "opportunity_id", "stage_id", "entered_at")
       SELECT "tenant_id", gen_random_uuid(), "id", "stage_id", "stage_entered_at" FROM "opportunities" WHERE "tenant_id" = $1`,
      [tenantId],
    );
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }
}

/** Each opportunity once, into the next open stage: every request is a real move. */
async function plannedMoves(
  subgraph: SubgraphUnderTest,
  tenantId: string,
  openStages: string[],
): Promise<{ id: string; stageId: string }[]> {
  const client = new Client({ connectionString: subgraph.database.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; stage_id: string }>(
      `SELECT "id", "stage_id" FROM "opportunities" WHERE "tenant_id" = $1 ORDER BY random()`,
      [tenantId],
    );
    return rows.map((row) => ({
      id: row.id,
      stageId: openStages[(openStages.indexOf(row.stage_id) + 1) % openStages.length] as string,
    }));
  } finally {
    await client.end();
  }
}

async function measure(
  label: string,
  load: autocannon.Options,
  options: BenchOptions,
  warmup = true,
): Promise<Measurement> {
  if (warmup) await autocannon({ ...load, duration: options.warmupSeconds });
  const result = await autocannon({ ...load, duration: options.durationSeconds });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.non2xx,
  };
}

function report(measurements: Measurement[], options: BenchOptions): string {
  const row = (cells: string[]) =>
    cells.map((cell, index) => (index === 0 ? cell.padEnd(20) : cell.padStart(12))).join('');
  return [
    `pipeline, ${options.opportunities} open opportunities in one tenant, ${options.connections} connections, ` +
      `${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured`,
    row(['', 'req/s', 'p50', 'p99', 'failures']),
    ...measurements.map((m) =>
      row([m.label, m.requestsPerSecond.toFixed(0), `${m.p50Ms} ms`, `${m.p99Ms} ms`, String(m.failures)]),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const secret = `bench-${randomUUID()}`;
  const pipeline = await startSubgraphProcess('pipeline', {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: secret,
    KAFKA_TOPIC_PREFIX: `${uniqueKafkaName('pipeline-bench')}.`,
  });
  try {
    const caller = { tenantId: randomUUID(), userId: randomUUID(), roles: ['ADMIN' as const] };
    const token = await signAccessToken({ ...caller, email: 'bench@crm.example' }, { secret });
    const url = pipeline.process.graphqlUrl;
    const board = await defaultPipeline(url, token);
    process.stdout.write(`seeding ${options.opportunities} opportunities…\n`);
    await seedOpportunities(pipeline, caller.tenantId, board, options.opportunities);

    const check = await postGraphQL(url, BOARD_QUERY, { token, variables: { pipelineId: board.id } });
    if (check.errors) throw new Error(`the board query fails: ${JSON.stringify(check.errors)}`);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const boardResult = await measure(
      'kanban board',
      {
        url,
        method: 'POST',
        connections: options.connections,
        headers,
        body: JSON.stringify({ query: BOARD_QUERY, variables: { pipelineId: board.id } }),
      },
      options,
    );

    const moves = await plannedMoves(pipeline, caller.tenantId, board.openStages);
    let next = 0;
    const moveResult = await measure(
      'moveOpportunity',
      {
        url,
        connections: options.connections,
        requests: [
          {
            method: 'POST',
            headers,
            setupRequest: (request) => {
              const move = moves[next % moves.length] as { id: string; stageId: string };
              next += 1;
              return { ...request, body: JSON.stringify({ query: MOVE_MUTATION, variables: move }) };
            },
          },
        ],
      },
      options,
      false, // a warm-up would use up moves; the board run already warmed the process and pool
    );
    process.stdout.write(`${report([boardResult, moveResult], options)}\n`);
    process.stdout.write(`moves applied: ${Math.min(next, moves.length)} distinct opportunities\n`);
  } finally {
    await pipeline.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
