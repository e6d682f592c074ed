import { createLogger } from '@crm/subgraph';
import { generateAccountsCsv, uploadAccountsCsv } from '@crm/testing';
import { importJobRetentionTask } from '../src/import/import-job-retention';
import type { AccountsServices } from '../src/services';
import { signUpTenant, testServices, type SignedUpTenant } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  server = await startAccountsTestServer(db);
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

/** A finished import with one rejected row, so the job has an error row quoting the file. */
async function finishedImport(tenant: SignedUpTenant): Promise<string> {
  const { csv } = generateAccountsCsv({ rows: 4, invalidEvery: 2 });
  const result = await uploadAccountsCsv({
    origin: new URL(server.subgraph.url).origin,
    token: tenant.token,
    body: csv,
  });
  if (!result.jobId) throw new Error(`the upload was refused: ${JSON.stringify(result)}`);
  return result.jobId;
}

async function jobsAndErrors(jobIds: string[]): Promise<Array<{ id: string; errors: number }>> {
  return db.ownerQuery(
    `SELECT j."id", (SELECT count(*)::int FROM "import_job_errors" e WHERE e."job_id" = j."id") AS "errors"
     FROM "import_jobs" j WHERE j."id" = ANY($1) ORDER BY j."id"`,
    [jobIds],
  );
}

describe('import job retention', () => {
  it("deletes every tenant's jobs finished before the retention, with their row errors, and keeps the others", async () => {
    const first = await signUpTenant(services, 'Retention One');
    const second = await signUpTenant(services, 'Retention Two');
    const expired = [await finishedImport(first), await finishedImport(second)];
    const recent = await finishedImport(first);
    const stillRunning = await finishedImport(second);
    await db.ownerQuery(
      `UPDATE "import_jobs" SET "finished_at" = now() - interval '31 days' WHERE "id" = ANY($1)`,
      [expired],
    );
    await db.ownerQuery(
      `UPDATE "import_jobs" SET "status" = 'RUNNING', "finished_at" = NULL, "created_at" = now() - interval '90 days'
       WHERE "id" = $1`,
      [stillRunning],
    );
    const all = [...expired, recent, stillRunning];
    expect((await jobsAndErrors(all)).every((job) => job.errors === 2)).toBe(true);

    await importJobRetentionTask({
      database: db.database,
      logger: createLogger('test', 'silent'),
      retentionDays: 30,
    }).runOnce();

    expect(await jobsAndErrors(all)).toEqual([recent, stillRunning].sort().map((id) => ({ id, errors: 2 })));
    const [{ orphans }] = await db.ownerQuery<{ orphans: number }>(
      `SELECT count(*)::int AS "orphans" FROM "import_job_errors" WHERE "job_id" = ANY($1)`,
      [expired],
    );
    expect(orphans).toBe(0);
  });
});
