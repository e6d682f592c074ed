import { PassThrough } from 'node:stream';
import { AccountCreated, AccountUpdated } from '@crm/events';
import {
  eventually,
  generateAccountsCsv,
  uploadAccountsCsv,
  type CsvUploadOptions,
  type ImportAnswerLine,
} from '@crm/testing';
import type { AccountsServices } from '../src/services';
import { inviteMember, signUpTenant, testServices, type SignedUpTenant } from './support/accounts-fixtures';
import { startAccountsTestServer, type AccountsTestServer } from './support/accounts-server';
import { createAccountsTestDatabase, type AccountsTestDatabase } from './support/accounts-test-database';

let db: AccountsTestDatabase;
let services: AccountsServices;
let server: AccountsTestServer;
let origin: string;

beforeAll(async () => {
  db = await createAccountsTestDatabase();
  services = testServices(db.database);
  server = await startAccountsTestServer(db);
  origin = new URL(server.subgraph.url).origin;
});

afterAll(async () => {
  await server.subgraph.stop();
  await db.close();
});

const upload = (tenant: SignedUpTenant, options: Omit<CsvUploadOptions, 'origin' | 'token'>) =>
  uploadAccountsCsv({ origin, token: tenant.token, ...options });

const lastLine = (lines: ImportAnswerLine[]) => lines.at(-1);

interface StoredAccount {
  id: string;
  external_id: string | null;
  kind: string;
  display_name: string;
  legal_name: string | null;
  first_name: string | null;
  emails: string[];
  phones: string[];
  tier: string | null;
  tags: string[];
  version: number;
}

function accountsOf(tenant: SignedUpTenant): Promise<StoredAccount[]> {
  return db.ownerQuery<StoredAccount>(`SELECT * FROM "accounts" WHERE "tenant_id" = $1 ORDER BY "id"`, [
    tenant.tenantId,
  ]);
}

function eventTypesAbout(accountId: string): Promise<string[]> {
  return db
    .ownerQuery<{
      type: string;
    }>(`SELECT "envelope"->>'type' AS "type" FROM "outbox" WHERE "message_key" = $1 ORDER BY "position"`, [
      accountId,
    ])
    .then((rows) => rows.map((row) => row.type));
}

const IMPORT_JOB = `
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id status rowsCommitted created updated failed bytesRead totalBytes percentDone rowsPerSecond failure
      errors(first: 10) { row column message }
    }
  }`;

describe('POST /imports/accounts', () => {
  it('imports exactly the valid rows of a 100k-row file with 1% invalid rows, reporting each by row and column', async () => {
    const tenant = await signUpTenant(services, 'Large Import');
    const file = generateAccountsCsv({ rows: 100_000, invalidEvery: 100 });

    const result = await upload(tenant, { body: file.csv });

    expect(result.status).toBe(200);
    expect(lastLine(result.lines)).toMatchObject({
      event: 'completed',
      job: {
        status: 'COMPLETED',
        rowsCommitted: 100_000,
        created: 99_000,
        updated: 0,
        failed: 1000,
        percentDone: 100,
      },
    });
    const [{ count }] = await db.ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS "count" FROM "accounts" WHERE "tenant_id" = $1`,
      [tenant.tenantId],
    );
    expect(count).toBe(file.validRows);
    const errors = await db.ownerQuery<{ row_number: number; column_name: string }>(
      `SELECT "row_number", "column_name" FROM "import_job_errors" WHERE "job_id" = $1 ORDER BY "row_number"`,
      [result.jobId],
    );
    expect(errors.map((error) => [error.row_number, error.column_name])).toEqual([...file.invalidRows]);
    const [{ imported }] = await db.ownerQuery<{ imported: number }>(
      `SELECT count(*)::int AS "imported" FROM "accounts" WHERE "tenant_id" = $1 AND "external_id" = ANY($2)`,
      [tenant.tenantId, [...file.invalidRows.keys()].map((row) => `ext-${row}`)],
    );
    expect(imported).toBe(0);
    const [{ created }] = await db.ownerQuery<{ created: number }>(
      `SELECT count(*)::int AS "created" FROM "outbox" WHERE "tenant_id" = $1 AND "envelope"->>'type' = $2`,
      [tenant.tenantId, AccountCreated.type],
    );
    expect(created).toBe(file.validRows);
  }, 300_000);

  it('reads a UTF-8 file with a BOM and Persian headers mapped to fields, and reports errors under those headers', async () => {
    const tenant = await signUpTenant(services, 'Persian Import');
    const csv =
      '\uFEFFشناسه,نام شرکت,ایمیل,تلفن,برچسب‌ها\n' +
      'p-1,شرکت فولاد مبارکه,info@foolad.example,09121234567,صنعتی;بزرگ\n' +
      'p-2,بازرگانی آریا,نامعتبر,02188776655,\n';

    const result = await upload(tenant, {
      body: csv,
      mapping: {
        شناسه: 'externalId',
        'نام شرکت': 'legalName',
        ایمیل: 'emails',
        تلفن: 'phones',
        برچسب‌ها: 'tags',
      },
    });

    expect(lastLine(result.lines)).toMatchObject({
      event: 'completed',
      job: { created: 1, failed: 1 },
      errors: [{ row: 2, column: 'ایمیل', message: expect.stringContaining('نامعتبر') }],
    });
    expect(await accountsOf(tenant)).toEqual([
      expect.objectContaining({
        external_id: 'p-1',
        kind: 'COMPANY',
        legal_name: 'شرکت فولاد مبارکه',
        display_name: 'شرکت فولاد مبارکه',
        emails: ['info@foolad.example'],
        phones: ['+989121234567'],
        tags: ['صنعتی', 'بزرگ'],
      }),
    ]);
  });

  it('updates the account with the same external id on a second import, publishing AccountUpdated', async () => {
    const tenant = await signUpTenant(services, 'Upsert By External Id');
    await upload(tenant, { body: generateAccountsCsv({ rows: 3, tier: 'SILVER' }).csv });
    const first = await accountsOf(tenant);

    const second = await upload(tenant, { body: generateAccountsCsv({ rows: 4, tier: 'GOLD' }).csv });

    expect(lastLine(second.lines)).toMatchObject({ job: { created: 1, updated: 3, failed: 0 } });
    const after = await accountsOf(tenant);
    expect(after).toHaveLength(4);
    for (const account of first) {
      expect(after.find((row) => row.id === account.id)).toMatchObject({ tier: 'GOLD', version: 2 });
      expect(await eventTypesAbout(account.id)).toEqual([AccountCreated.type, AccountUpdated.type]);
    }
    const [{ changed }] = await db.ownerQuery<{ changed: string[] }>(
      `SELECT "envelope"->'data'->'changedFields' AS "changed" FROM "outbox" WHERE "message_key" = $1 ORDER BY "position" DESC LIMIT 1`,
      [first[0]?.id],
    );
    expect(changed).toEqual(['tier']);
  });

  it('updates the live account with one of the row emails when the file has no external ids', async () => {
    const tenant = await signUpTenant(services, 'Upsert By Email');
    const existing = await services.accounts.createAccount(tenant.admin, {
      kind: 'PERSON',
      firstName: 'Sara',
      lastName: 'Ahmadi',
      emails: ['sara@example.com'],
    });

    const result = await upload(tenant, {
      body: 'firstName,lastName,emails,tier\nSara,Ahmadi,SARA@example.com; sara.work@example.com,VIP\nReza,Karimi,reza@example.com,\n',
    });

    expect(lastLine(result.lines)).toMatchObject({ job: { created: 1, updated: 1, failed: 0 } });
    const accounts = await accountsOf(tenant);
    expect(accounts).toHaveLength(2);
    expect(accounts.find((account) => account.id === existing.id)).toMatchObject({
      emails: ['sara@example.com', 'sara.work@example.com'],
      tier: 'VIP',
      version: 2,
    });
    expect(accounts.find((account) => account.id !== existing.id)).toMatchObject({
      kind: 'PERSON',
      display_name: 'Reza Karimi',
    });
  });

  it('adds a contact per row and updates it (matched by email) on a second import', async () => {
    const tenant = await signUpTenant(services, 'Contacts Import');
    const header = 'externalId,legalName,contactFirstName,contactLastName,contactEmails,contactJobTitle\n';
    await upload(tenant, {
      body: `${header}c-1,Acme,Ali,Rezaei,ali@acme.example,Buyer\nc-1,Acme,Mina,Jafari,mina@acme.example,\n`,
    });

    const second = await upload(tenant, {
      body: `${header}c-1,Acme,Ali,Rezaei,ali@acme.example,Head of Purchasing\n`,
    });

    expect(lastLine(second.lines)).toMatchObject({ job: { updated: 1, failed: 0 } });
    const contacts = await db.ownerQuery<{ first_name: string; job_title: string | null; version: number }>(
      `SELECT "first_name", "job_title", "version" FROM "contacts" WHERE "tenant_id" = $1 ORDER BY "first_name"`,
      [tenant.tenantId],
    );
    expect(contacts).toEqual([
      { first_name: 'Ali', job_title: 'Head of Purchasing', version: 2 },
      { first_name: 'Mina', job_title: null, version: 1 },
    ]);
  });

  it('writes nothing of a row whose contact is invalid, and names the contact column', async () => {
    const tenant = await signUpTenant(services, 'Invalid Contact');

    const result = await upload(tenant, {
      body: 'legalName,contactFirstName,contactEmails\nAcme,Ali,not-an-email\n',
    });

    expect(lastLine(result.lines)).toMatchObject({
      job: { created: 0, failed: 1 },
      errors: [{ row: 1, column: 'contactEmails' }],
    });
    expect(await accountsOf(tenant)).toEqual([]);
  });

  it("lands rows only in the caller's tenant, and hides a job and its errors from other tenants", async () => {
    const tenantA = await signUpTenant(services, 'Tenant A');
    const tenantB = await signUpTenant(services, 'Tenant B');
    const fromA = await upload(tenantA, { body: generateAccountsCsv({ rows: 6, invalidEvery: 6 }).csv });

    const fromB = await upload(tenantB, { body: generateAccountsCsv({ rows: 6, invalidEvery: 6 }).csv });

    // Same external ids in both files: each tenant got its own accounts, nothing was "updated".
    expect(lastLine(fromB.lines)).toMatchObject({ job: { created: 5, updated: 0, failed: 1 } });
    expect(await accountsOf(tenantA)).toHaveLength(5);
    expect(await accountsOf(tenantB)).toHaveLength(5);
    const seenByB = await server.request<{ importJob: unknown }>(
      IMPORT_JOB,
      { id: fromA.jobId },
      tenantB.token,
    );
    expect(seenByB.data?.importJob).toBeNull();
    const resumedByB = await upload(tenantB, { body: 'legalName\nX\n', jobId: fromA.jobId as string });
    expect(resumedByB).toMatchObject({ status: 404, refusal: { error: { code: 'NOT_FOUND' } } });
    for (const table of ['import_jobs', 'import_job_errors']) {
      // No tenant filter: row-level security alone keeps A's rows away from B.
      const rows: { tenant_id: string }[] = await db.database.inTenant(tenantB.tenantId, (manager) =>
        manager.query(`SELECT "tenant_id" FROM "${table}"`),
      );
      expect(new Set(rows.map((row) => row.tenant_id))).toEqual(new Set([tenantB.tenantId]));
    }
  });

  it('shows the progress of a running import: rows committed, rows/s and % done', async () => {
    const tenant = await signUpTenant(services, 'Progress');
    const { csv } = generateAccountsCsv({ rows: 3000 });
    const bytes = Buffer.from(csv);
    const half = bytes.indexOf('\n', bytes.length / 2) + 1;
    const body = new PassThrough();
    let jobId = '';
    const uploading = upload(tenant, {
      body,
      totalBytes: bytes.length,
      onLine: (line) => (jobId = String(line.job?.id ?? jobId)),
    });
    body.write(bytes.subarray(0, half));

    const running = await eventually(
      'a committed batch',
      async () =>
        jobId
          ? (
              await server.request<{ importJob: Record<string, number | string> }>(
                IMPORT_JOB,
                { id: jobId },
                tenant.token,
              )
            ).data?.importJob
          : undefined,
      (job) => Number(job?.rowsCommitted) >= 1000,
    );
    body.end(bytes.subarray(half));
    const result = await uploading;

    expect(running).toMatchObject({ status: 'RUNNING', totalBytes: bytes.length });
    expect(running?.percentDone).toBeGreaterThan(0);
    expect(running?.percentDone).toBeLessThan(100);
    expect(running?.rowsPerSecond).toBeGreaterThan(0);
    expect(result.lines.map((line) => line.event)).toEqual([
      'started',
      'progress',
      'progress',
      'progress',
      'completed',
    ]);
    expect(lastLine(result.lines)).toMatchObject({ job: { rowsCommitted: 3000, percentDone: 100 } });
  });

  it('resumes a broken upload with its idempotency key, importing each row once', async () => {
    const tenant = await signUpTenant(services, 'Broken Upload');
    const { csv } = generateAccountsCsv({ rows: 2500, keyBy: 'email' });
    const bytes = Buffer.from(csv);
    const body = new PassThrough();
    const broken = upload(tenant, { body, idempotencyKey: 'migration-2026', totalBytes: bytes.length });
    body.write(bytes.subarray(0, bytes.indexOf('\n', bytes.length * 0.6) + 1));
    await eventually(
      'a committed batch',
      () => accountsOf(tenant),
      (accounts) => accounts.length >= 1000,
    );
    body.destroy(new Error('the client went away'));
    await broken.catch(() => undefined);
    const stopped = await eventually(
      'the broken upload to be recorded',
      () =>
        db.ownerQuery<{ status: string }>(`SELECT "status" FROM "import_jobs" WHERE "tenant_id" = $1`, [
          tenant.tenantId,
        ]),
      ([job]) => job?.status === 'FAILED',
    );
    expect(stopped).toHaveLength(1);

    const resumed = await upload(tenant, { body: csv, idempotencyKey: 'migration-2026' });

    expect(lastLine(resumed.lines)).toMatchObject({
      event: 'completed',
      job: { rowsCommitted: 2500, created: 2500, updated: 0, failed: 0 },
    });
    const accounts = await accountsOf(tenant);
    expect(accounts).toHaveLength(2500);
    expect(new Set(accounts.map((account) => account.emails[0])).size).toBe(2500);
    const again = await upload(tenant, { body: csv, idempotencyKey: 'migration-2026' });
    expect(again.lines.map((line) => line.event)).toEqual(['completed']); // a completed job imports nothing more
    expect(await accountsOf(tenant)).toHaveLength(2500);
  });

  it('fails the job when a mapped column is missing, and refuses a mapping to an unknown field', async () => {
    const tenant = await signUpTenant(services, 'Bad Mapping');

    const missing = await upload(tenant, { body: 'name\nAcme\n', mapping: { company: 'legalName' } });
    const unknown = await upload(tenant, { body: 'name\nAcme\n', mapping: { name: 'companyName' } });

    expect(lastLine(missing.lines)).toMatchObject({
      event: 'failed',
      job: { status: 'FAILED', failure: expect.stringContaining('"company"') },
    });
    expect(unknown).toMatchObject({
      status: 400,
      refusal: { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'mapping.name' }] } },
    });
    expect(await accountsOf(tenant)).toEqual([]);
  });

  it('refuses callers without a token or with a read-only role, and writes nothing', async () => {
    const tenant = await signUpTenant(services, 'Roles');
    const marketer = await inviteMember(services, tenant.admin, 'MARKETER');

    const anonymous = await uploadAccountsCsv({ origin, token: '', body: 'legalName\nAcme\n' });
    const forbidden = await uploadAccountsCsv({
      origin,
      token: await server.tokenFor(marketer),
      body: 'legalName\nAcme\n',
    });

    expect(anonymous.status).toBe(401);
    expect(forbidden).toMatchObject({ status: 403, refusal: { error: { code: 'FORBIDDEN' } } });
    expect(await accountsOf(tenant)).toEqual([]);
  });
});

describe('importAccountsCsv', () => {
  it('imports a small file through the same path and returns the report', async () => {
    const tenant = await signUpTenant(services, 'Small Import');

    const result = await server.request<{ importAccountsCsv: Record<string, unknown> }>(
      `mutation Import($csv: String!, $mapping: JSON) {
        importAccountsCsv(csv: $csv, mapping: $mapping) { jobId created updated failed errors { row column message } }
      }`,
      { csv: 'Name,Size\nAcme,12\nBeta,lots\n', mapping: { Name: 'legalName', Size: 'employeeCount' } },
      tenant.token,
    );

    expect(result.data?.importAccountsCsv).toMatchObject({
      created: 1,
      updated: 0,
      failed: 1,
      errors: [{ row: 2, column: 'Size', message: 'must be a whole number' }],
    });
    const job = await server.request<{ importJob: Record<string, unknown> }>(
      IMPORT_JOB,
      { id: result.data?.importAccountsCsv.jobId },
      tenant.token,
    );
    expect(job.data?.importJob).toMatchObject({ status: 'COMPLETED', rowsCommitted: 2, percentDone: 100 });
    expect(await accountsOf(tenant)).toEqual([expect.objectContaining({ legal_name: 'Acme' })]);
  });
});
