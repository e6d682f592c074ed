/**
 * Benchmark (not a test): the two read paths that grow with a tenant's history, straight against the
 * interactions subgraph (its own process, fresh database, real Kafka):
 *
 *   - an account's timeline, first page of 20, with 10,000 entries on it (activities + system entries);
 *   - `calendar` for a month: one rep's, and the whole 20-person team's, with 50,000 activities in the tenant.
 *
 *   npx tsx tools/bench/interactions-timeline-calendar.bench.ts [--warmup 2] [--duration 10] [--connections 10]
 *
 * The history is bulk-inserted with SQL as the database owner (what the API would write, minus the
 * hours it would take); the measured requests go through GraphQL as the application role.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { signAccessToken } from '@crm/subgraph';
import { postGraphQL, startSubgraphProcess } from '@crm/testing';

const TEAM_SIZE = 20;
const TENANT_ACTIVITIES = 50_000;
const TIMELINE_ACTIVITIES = 5_000;
const TIMELINE_SYSTEM_ENTRIES = 5_000;
/** The tenant's history spans two years ending now; a month is 1/24 of it. */
const HISTORY_DAYS = 730;

function positiveNumber(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
}

async function seed(
  ownerUrl: string,
  tenantId: string,
  ownerIds: string[],
  accountId: string,
): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Spread over the team, the window and 2,000 accounts; one account gets TIMELINE_ACTIVITIES of them.
    await client.query(
      `INSERT INTO "activities" ("tenant_id", "id", "type", "channel", "direction", "status", "subject", "starts_at", "ends_at",
         "account_id", "contact_ids", "owner_id", "version")
       SELECT $1, gen_random_uuid(), t.type::activity_type, t.channel::activity_channel, 'OUTBOUND', 'DONE',
              'Touchpoint ' || n, now() - (n % ($4 * 24)) * interval '1 hour', now() - (n % ($4 * 24)) * interval '1 hour' + interval '30 minutes',
              CASE WHEN n <= $5 THEN $3::uuid ELSE md5('account' || (n % 2000))::uuid END, '{}', ($2::uuid[])[1 + n % $6], 1
       FROM generate_series(1, $7) AS n
       CROSS JOIN LATERAL (SELECT (ARRAY['CALL','MEETING','EMAIL','NOTE','CALL'])[1 + n % 5] AS type,
                                  (ARRAY['PHONE','IN_PERSON','EMAIL','WEB','VIDEO'])[1 + n % 5] AS channel) AS t`,
      [tenantId, ownerIds, accountId, HISTORY_DAYS, TIMELINE_ACTIVITIES, ownerIds.length, TENANT_ACTIVITIES],
    );
    await client.query(
      `INSERT INTO "timeline_entries" ("tenant_id", "id", "account_id", "at", "kind", "summary", "activity_id")
       SELECT "tenant_id", gen_random_uuid(), "account_id", "starts_at", "type"::text, 'Call: ' || "subject", "id"
       FROM "activities" WHERE "tenant_id" = $1 AND "account_id" = $2`,
      [tenantId, accountId],
    );
    await client.query(
      `INSERT INTO "timeline_entries" ("tenant_id", "id", "account_id", "at", "kind", "summary", "source_event_id")
       SELECT $1, gen_random_uuid(), $2, now() - n * interval '3 hours', 'OrderStatusChanged',
              'Order #' || n || ' shipped — tracking T' || n, gen_random_uuid()
       FROM generate_series(1, $3) AS n`,
      [tenantId, accountId, TIMELINE_SYSTEM_ENTRIES],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function measure(
  label: string,
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  options: { warmup: number; duration: number; connections: number },
): Promise<string> {
  const check = await postGraphQL(url, query, { token, variables });
  if (check.errors) throw new Error(`${label}: ${JSON.stringify(check.errors)}`);
  const rows = JSON.stringify(check.data).match(/"id"/g)?.length ?? 0;
  const load = {
    url,
    method: 'POST' as const,
    connections: options.connections,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  };
  await autocannon({ ...load, duration: options.warmup });
  const result = await autocannon({ ...load, duration: options.duration });
  return [
    label.padEnd(38),
    `${result.requests.average.toFixed(0)} req/s`.padStart(12),
    `p50 ${result.latency.p50} ms`.padStart(12),
    `p99 ${result.latency.p99} ms`.padStart(12),
    `${rows} rows`.padStart(11),
    `failures ${result.errors + result.non2xx}`.padStart(12),
  ].join('');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
    },
  });
  const options = {
    warmup: positiveNumber('warmup', values.warmup),
    duration: positiveNumber('duration', values.duration),
    connections: positiveNumber('connections', values.connections),
  };
  const secret = `bench-${randomUUID()}-${randomUUID()}`;
  const interactions = await startSubgraphProcess('interactions', {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: secret,
  });
  try {
    const tenantId = uuidv7();
    const team = Array.from({ length: TEAM_SIZE }, () => uuidv7());
    const accountId = uuidv7();
    const seeded = Date.now();
    await seed(interactions.database.ownerUrl, tenantId, team, accountId);
    process.stdout.write(
      `seeded ${TENANT_ACTIVITIES} activities in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`,
    );
    const token = await signAccessToken(
      { tenantId, userId: team[0] as string, roles: ['MANAGER'], email: 'bench@crm.example' },
      { secret },
    );
    const url = interactions.process.graphqlUrl;
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
    const now = new Date().toISOString();
    const lines = [
      `interactions, ${options.connections} connections, ${options.warmup} s warm-up, ${options.duration} s measured`,
      await measure(
        'timeline first page (10k entries)',
        url,
        token,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account {
           timeline(first: 20) { pageInfo { endCursor } edges { node { id at kind summary activity { id subject } } } } } } }`,
        { r: [{ __typename: 'Account', id: accountId }] },
        options,
      ),
      await measure(
        'calendar, one rep, 30 days',
        url,
        token,
        `query ($from: DateTime!, $to: DateTime!, $owner: ID) { calendar(from: $from, to: $to, ownerId: $owner) { id subject startsAt endsAt } }`,
        { from: monthAgo, to: now, owner: team[0] },
        options,
      ),
      await measure(
        'calendar, team of 20, 30 days',
        url,
        token,
        `query ($from: DateTime!, $to: DateTime!) { calendar(from: $from, to: $to) { id subject startsAt endsAt owner { id } } }`,
        { from: monthAgo, to: now },
        options,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await interactions.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
