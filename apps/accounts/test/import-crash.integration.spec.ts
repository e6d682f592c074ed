import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AccountCreated } from '@crm/events';
import {
  eventually,
  generateAccountsCsv,
  signUpTenant,
  startSubgraphProcess,
  uniqueKafkaName,
  uploadAccountsCsv,
  type SubgraphUnderTest,
} from '@crm/testing';

/**
 * The accounts service as its own process, killed with SIGKILL in the middle of an import and
 * started again: the resumed upload must import every valid row exactly once.
 */
let accounts: SubgraphUnderTest;
let owner: Pool;

beforeAll(async () => {
  accounts = await startSubgraphProcess('accounts', {
    JWT_SECRET: `crash-test-${randomUUID()}`,
    KAFKA_TOPIC_PREFIX: `${uniqueKafkaName('accounts-import-crash')}.`,
    LOG_LEVEL: 'warn',
  });
  owner = new Pool({ connectionString: accounts.database.ownerUrl, max: 2 });
}, 120_000);

afterAll(async () => {
  // Guarded: when start-up failed, its error is the one to see, not a second one from here.
  await owner?.end();
  await accounts?.stop();
});

async function count(sql: string, parameters: unknown[]): Promise<number> {
  const { rows } = await owner.query<{ count: number }>(sql, parameters);
  return rows[0]?.count ?? 0;
}

interface JobRow {
  status: string;
  rows_committed: number;
  created_count: number;
  failed_count: number;
}

async function jobOf(tenantId: string): Promise<JobRow | undefined> {
  const { rows } = await owner.query<JobRow>(`SELECT * FROM "import_jobs" WHERE "tenant_id" = $1`, [
    tenantId,
  ]);
  return rows[0];
}

it('imports every valid row exactly once when the service is killed at ~50% and the upload resumed', async () => {
  const { token, tenantId } = await signUpTenant(accounts.process.graphqlUrl, 'Crash Import');
  // Matched by email, not by a unique external id: a row imported twice would be a second account.
  const file = generateAccountsCsv({ rows: 20_000, invalidEvery: 100, keyBy: 'email' });
  const accountCount = () =>
    count(`SELECT count(*)::int AS "count" FROM "accounts" WHERE "tenant_id" = $1`, [tenantId]);
  const upload = () =>
    uploadAccountsCsv({
      origin: accounts.process.origin,
      token,
      body: file.csv,
      idempotencyKey: 'crm-migration',
    });

  const interrupted = upload().then(
    () => 'finished',
    () => 'broken off',
  );
  const atCrash = await eventually(
    'about half of the rows committed',
    () => jobOf(tenantId),
    (job) => (job?.rows_committed ?? 0) >= 10_000,
    { timeoutMs: 120_000, intervalMs: 20 },
  );
  process.kill(accounts.process.pid, 'SIGKILL');
  await accounts.process.whenExited();

  expect(await interrupted).toBe('broken off');
  expect(atCrash?.rows_committed).toBeLessThan(20_000);
  const committed = await jobOf(tenantId);
  // What the job says it committed is exactly what is in the table: batch and progress commit together.
  expect(await accountCount()).toBe(committed?.created_count);

  await accounts.restart();
  const resumed = await upload();

  expect(resumed.lines.at(-1)).toMatchObject({
    event: 'completed',
    job: { rowsCommitted: 20_000, created: file.validRows, updated: 0, failed: file.invalidRows.size },
  });
  expect(await accountCount()).toBe(file.validRows);
  expect(
    await count(`SELECT count(DISTINCT "emails"[1])::int AS "count" FROM "accounts" WHERE "tenant_id" = $1`, [
      tenantId,
    ]),
  ).toBe(file.validRows);
  expect(
    await count(
      `SELECT count(*)::int AS "count" FROM "outbox" WHERE "tenant_id" = $1 AND "envelope"->>'type' = $2`,
      [tenantId, AccountCreated.type],
    ),
  ).toBe(file.validRows);
  expect(
    await count(`SELECT count(DISTINCT "row_number")::int AS "count" FROM "import_job_errors"`, []),
  ).toBe(file.invalidRows.size);
}, 300_000);
