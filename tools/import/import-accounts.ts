/**
 * Streams a CSV of accounts (and contacts) to the accounts service's import endpoint and prints the
 * progress as it goes. The file is never read whole into memory.
 *
 *   npx tsx tools/import/import-accounts.ts <file.csv> --url http://127.0.0.1:4001 --token <JWT>
 *       [--map "Company Name=legalName" …] [--mapping mapping.json] [--job <id>] [--key <idempotency key>]
 *
 * --url     the accounts service (env ACCOUNTS_URL); the gateway serves only GraphQL.
 * --token   an access token of an ADMIN, MANAGER or SALES_REP (env CRM_TOKEN), e.g. from `login`.
 * --map     header=field, repeatable; or --mapping with a JSON file of header → field. Without
 *           either, headers are matched to field names (see apps/accounts/README-import.md).
 * --job     resume that job (after a crash or a broken connection): committed rows are skipped.
 * --key     idempotency key; by default one derived from the file's content, so running the same
 *           command again resumes (or reports) the same job instead of importing twice.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { uploadAccountsCsv, type ImportAnswerLine } from '@crm/testing';

interface CliOptions {
  file: string;
  url: string;
  token: string;
  mapping?: Record<string, string>;
  jobId?: string;
  idempotencyKey?: string;
}

function readMapping(pairs: string[], file: string | undefined): Record<string, string> | undefined {
  const mapping: Record<string, string> = file
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  for (const pair of pairs) {
    const separator = pair.lastIndexOf('=');
    if (separator <= 0) throw new Error(`--map takes header=field, got "${pair}"`);
    mapping[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}

function readOptions(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.ACCOUNTS_URL },
      token: { type: 'string', default: process.env.CRM_TOKEN },
      map: { type: 'string', multiple: true, default: [] },
      mapping: { type: 'string' },
      job: { type: 'string' },
      key: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file) throw new Error('usage: import-accounts.ts <file.csv> --url <accounts service> --token <JWT>');
  if (!values.url) throw new Error('--url (or ACCOUNTS_URL) is required, e.g. http://127.0.0.1:4001');
  if (!values.token) throw new Error('--token (or CRM_TOKEN) is required');
  return {
    file,
    url: values.url,
    token: values.token,
    mapping: readMapping(values.map, values.mapping),
    jobId: values.job,
    idempotencyKey: values.key,
  };
}

/** The same file (and mapping) gives the same key: a re-run resumes instead of importing again. */
async function contentKey(file: string, mapping: Record<string, string> | undefined): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  hash.update(JSON.stringify(mapping ?? null));
  return `cli-${hash.digest('hex').slice(0, 40)}`;
}

function describe(line: ImportAnswerLine): string {
  const job = line.job ?? {};
  const percent =
    job.percentDone === null || job.percentDone === undefined ? '' : ` ${String(job.percentDone)}%`;
  return (
    `${line.event}${percent}: ${String(job.rowsCommitted ?? 0)} rows (created ${String(job.created ?? 0)}, ` +
    `updated ${String(job.updated ?? 0)}, failed ${String(job.failed ?? 0)}), ${String(job.rowsPerSecond ?? 0)} rows/s`
  );
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const idempotencyKey = options.jobId
    ? undefined
    : (options.idempotencyKey ?? (await contentKey(options.file, options.mapping)));
  let jobId = options.jobId;
  const startedAt = Date.now();
  let result;
  try {
    result = await uploadAccountsCsv({
      origin: options.url,
      token: options.token,
      body: createReadStream(options.file),
      totalBytes: statSync(options.file).size,
      mapping: options.mapping,
      jobId: options.jobId,
      idempotencyKey,
      onLine: (line) => {
        if (typeof line.job?.id === 'string') jobId = line.job.id;
        process.stdout.write(`${describe(line)}\n`);
      },
    });
  } catch (error) {
    process.stderr.write(`the upload broke off: ${error instanceof Error ? error.message : String(error)}\n`);
    if (jobId) process.stderr.write(`resume with: --job ${jobId} (committed rows are skipped)\n`);
    return 2;
  }
  if (result.status !== 200) {
    process.stderr.write(`refused (HTTP ${result.status}): ${JSON.stringify(result.refusal)}\n`);
    return 1;
  }
  const last = result.lines.at(-1);
  for (const error of last?.errors ?? []) {
    process.stdout.write(`row ${error.row}${error.column ? ` [${error.column}]` : ''}: ${error.message}\n`);
  }
  if ((last?.errors?.length ?? 0) > 0) process.stdout.write('(all row errors: the importJob query)\n');
  process.stdout.write(
    `job ${jobId ?? result.jobId ?? '?'}, ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`,
  );
  if (last?.event !== 'completed') {
    process.stderr.write(
      `import failed: ${JSON.stringify(last?.job?.failure ?? last?.error ?? 'no answer')}\n`,
    );
    if (jobId) process.stderr.write(`resume with: --job ${jobId}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import-accounts: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
