/**
 * Benchmark (not a test): the streaming CSV import of accounts (POST /imports/accounts, the service as
 * its own process) vs. PostgreSQL COPY of the same rows into a table shaped like `accounts` (same
 * columns and indexes), in the same run. Prints rows/s, total time and the import/COPY ratio.
 *
 *   npx tsx tools/bench/accounts-import.bench.ts [--rows 100000] [--invalid-every 0]
 *
 * It starts its own accounts service (fresh database, real Kafka) and signs up a fresh tenant. The
 * import does everything COPY does not: parsing, per-row validation and normalisation (emails,
 * E.164 phones, search text), upsert lookups, the job's progress and an AccountCreated event per row
 * in the outbox, in batches of 1000 rows per transaction.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import {
  generateAccountsCsv,
  signUpTenant,
  startSubgraphProcess,
  uniqueKafkaName,
  uploadAccountsCsv,
} from '@crm/testing';

interface BenchOptions {
  rows: number;
  invalidEvery: number;
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '100000' },
      'invalid-every': { type: 'string', default: '0' },
    },
  });
  const rows = Number(values.rows);
  const invalidEvery = Number(values['invalid-every']);
  if (!Number.isSafeInteger(rows) || rows <= 0) throw new Error(`--rows must be a positive integer`);
  if (!Number.isSafeInteger(invalidEvery) || invalidEvery < 0) throw new Error(`--invalid-every must be ≥ 0`);
  return { rows, invalidEvery };
}

interface Timing {
  rows: number;
  seconds: number;
}

async function timeImport(origin: string, token: string, file: string): Promise<Timing> {
  const startedAt = process.hrtime.bigint();
  let lastReport = 0;
  const result = await uploadAccountsCsv({
    origin,
    token,
    body: createReadStream(file),
    totalBytes: statSync(file).size,
    onLine: (line) => {
      if (line.event === 'progress' && Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        process.stdout.write(
          `  ${String(line.job?.percentDone)}% — ${String(line.job?.rowsCommitted)} rows, ${String(line.job?.rowsPerSecond)} rows/s\n`,
        );
      }
    },
  });
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const last = result.lines.at(-1);
  if (last?.event !== 'completed') throw new Error(`the import did not complete: ${JSON.stringify(last)}`);
  return { rows: Number(last.job?.rowsCommitted), seconds };
}

/**
 * COPY of exactly the rows the import stored, into a table with the same columns and indexes
 * (`LIKE … INCLUDING ALL`; no row-level security, no foreign keys, no outbox). The file is written and
 * read by the server itself (in the benchmark's directory, which the server may write to), so the
 * figure is COPY alone, without a client in between.
 */
async function timeCopy(ownerUrl: string, tenantId: string, directory: string): Promise<Timing> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const file = path.join(directory, 'copy-rows.csv');
  try {
    await client.query(`CREATE TABLE "accounts_copy_bench" (LIKE "accounts" INCLUDING ALL)`);
    await client.query(
      `COPY (SELECT * FROM "accounts" WHERE "tenant_id" = '${tenantId}') TO '${file}' (FORMAT csv)`,
    );
    const startedAt = process.hrtime.bigint();
    const copied = await client.query(`COPY "accounts_copy_bench" FROM '${file}' (FORMAT csv)`);
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    return { rows: copied.rowCount ?? 0, seconds };
  } finally {
    await client.query(`DROP TABLE IF EXISTS "accounts_copy_bench"`);
    await client.end();
  }
}

function report(options: BenchOptions, fileBytes: number, imported: Timing, copied: Timing): string {
  const rate = (timing: Timing) => (timing.rows / timing.seconds).toFixed(0);
  return [
    `accounts import: ${options.rows} rows (${(fileBytes / 1024 / 1024).toFixed(1)} MiB CSV)` +
      (options.invalidEvery ? `, every ${options.invalidEvery}th row invalid` : ''),
    `  import (HTTP upload, validation, upsert, events): ${imported.seconds.toFixed(1)} s, ${rate(imported)} rows/s`,
    `  PostgreSQL COPY of the same rows:                 ${copied.seconds.toFixed(1)} s, ${rate(copied)} rows/s`,
    `  import/COPY time ratio: ${(imported.seconds / copied.seconds).toFixed(1)}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const directory = mkdtempSync(path.join(tmpdir(), 'accounts-import-bench-'));
  chmodSync(directory, 0o777); // the database server writes and reads the COPY file here
  const file = path.join(directory, 'accounts.csv');
  writeFileSync(file, generateAccountsCsv({ rows: options.rows, invalidEvery: options.invalidEvery }).csv);
  const accounts = await startSubgraphProcess('accounts', {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: `bench-${randomUUID()}`,
    KAFKA_TOPIC_PREFIX: `${uniqueKafkaName('bench-accounts-import')}.`,
  });
  try {
    const { token, tenantId } = await signUpTenant(accounts.process.graphqlUrl, 'Import Benchmark');
    process.stdout.write(`importing ${options.rows} rows…\n`);
    const imported = await timeImport(accounts.process.origin, token, file);
    const copied = await timeCopy(accounts.database.ownerUrl, tenantId, directory);
    process.stdout.write(`${report(options, statSync(file).size, imported, copied)}\n`);
  } finally {
    await accounts.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
