/**
 * Benchmark (not a test): `duplicateAccounts(accountId)` in a tenant of 100k accounts, straight to
 * the accounts subgraph (its own process on a fresh database, real Kafka).
 *
 *   npx tsx tools/bench/accounts-duplicates.bench.ts [--accounts 100000] [--lookups 200]
 *
 * The accounts are written with SQL as the database owner (creating 100k through GraphQL would
 * measure the create path for minutes); their search text is the lower-case name, emails and
 * phone digits, which is what the service stores for Latin names. Names are two words of 900 and a
 * trade, so many share words and the trigram index has real work to do; every 50th account
 * gets a planted duplicate (same tax id, email or phone, or a legal-form variant of its name).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { postGraphQL, signUpTenant, startSubgraphProcess } from '@crm/testing';

/** Name words from syllables: 900 distinct words, so names share words the way real ones do. */
const SYLLABLES = [
  'ka',
  'ri',
  'man',
  'pa',
  'sar',
  'to',
  'ne',
  'da',
  'ro',
  'zag',
  'al',
  'bor',
  'mi',
  'na',
  'sa',
  'ha',
  'ta',
  'ba',
  'ya',
  'le',
  'go',
  'fa',
  'ra',
  'shi',
  'ze',
  'mo',
  've',
  'lu',
  'ki',
  'ar',
];
const WORDS = SYLLABLES.flatMap((first) => SYLLABLES.map((second) => first + second));
const TRADES = [
  'Steel',
  'Textile',
  'Trading',
  'Logistics',
  'Dairy',
  'Cement',
  'Food',
  'Pharma',
  'Tech',
  'Motors',
];
const LEGAL_FORMS = ['Ltd', 'Co.', 'GmbH', 'Inc', 'LLC'];

function positiveInteger(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`--${name} must be a positive integer, got ${value}`);
  return number;
}

/** A distinct pair of words for every n below 810 000, spread so neighbours share little. */
function nameOf(n: number): string {
  const first = n % WORDS.length;
  const second = (Math.floor(n / WORDS.length) + 7 * first) % WORDS.length;
  const capitalised = (text = '') => text.charAt(0).toUpperCase() + text.slice(1);
  return `${capitalised(WORDS[first])} ${capitalised(WORDS[second])} ${TRADES[n % TRADES.length]}`;
}

/** Inserts the tenant's accounts in batches, each row as the service would have stored it. */
async function seedAccounts(ownerUrl: string, tenantId: string, count: number): Promise<string[]> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const ids: string[] = [];
  try {
    const batch = 5_000;
    for (let start = 0; start < count; start += batch) {
      const rows = [];
      for (let n = start; n < Math.min(count, start + batch); n += 1) {
        const isPlantedDuplicate = n % 50 === 1;
        const original = n - 1;
        const name = isPlantedDuplicate
          ? `${nameOf(original)} ${LEGAL_FORMS[n % LEGAL_FORMS.length]}`
          : nameOf(n);
        const email = `info${isPlantedDuplicate && n % 3 === 0 ? original : n}@firm.example`;
        const phone = `+98912${String(isPlantedDuplicate && n % 3 === 1 ? original : n).padStart(7, '0')}`;
        const taxId = n % 2 === 0 ? `41${String(n).padStart(10, '0')}` : null;
        const id = randomUUID();
        ids.push(id);
        rows.push({
          id,
          name,
          email,
          phone,
          taxId,
          search: `${name.toLowerCase()} ${email} ${phone.slice(1)} 0${phone.slice(3)}`,
        });
      }
      await client.query(
        `INSERT INTO "accounts" ("tenant_id", "id", "kind", "sales_model", "display_name", "legal_name", "tax_id",
           "emails", "phones", "addresses", "tags", "lifecycle_stage", "search_text", "version")
         SELECT $1, r."id", 'COMPANY', 'B2B', r."name", r."name", r."taxId", ARRAY[r."email"], ARRAY[r."phone"],
           '[]'::jsonb, '{}', 'PROSPECT', r."search", 1
         FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "name" text, "email" text, "phone" text, "taxId" text, "search" text)`,
        [tenantId, JSON.stringify(rows)],
      );
    }
    await client.query('ANALYZE "accounts"');
  } finally {
    await client.end();
  }
  return ids;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { accounts: { type: 'string', default: '100000' }, lookups: { type: 'string', default: '200' } },
  });
  const accountCount = positiveInteger('accounts', values.accounts);
  const lookups = positiveInteger('lookups', values.lookups);

  const env = { NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: `bench-${randomUUID()}` };
  const accounts = await startSubgraphProcess('accounts', env);
  try {
    const tenant = await signUpTenant(accounts.process.graphqlUrl, 'Duplicates Benchmark');
    const seedStarted = performance.now();
    const ids = await seedAccounts(accounts.database.ownerUrl, tenant.tenantId, accountCount);
    console.log(
      `seeded ${accountCount} accounts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const query = `query ($id: ID!) { duplicateAccounts(accountId: $id) { account { id } score reasons } }`;
    const timings: number[] = [];
    let candidates = 0;
    const reasons = new Map<string, number>();
    for (let lookup = 0; lookup < lookups; lookup += 1) {
      // Every other lookup is an account with a planted duplicate.
      const index = lookup % 2 === 0 ? (lookup * 50) % accountCount : (lookup * 7919) % accountCount;
      const started = performance.now();
      const result = await postGraphQL(accounts.process.graphqlUrl, query, {
        token: tenant.token,
        variables: { id: ids[index] },
      });
      timings.push(performance.now() - started);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      const found = result.data?.duplicateAccounts as { reasons: string[] }[];
      candidates += found.length;
      for (const reason of found.flatMap((candidate) => candidate.reasons)) {
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    timings.sort((a, b) => a - b);
    console.table([
      {
        accounts: accountCount,
        lookups,
        'candidates/lookup': (candidates / lookups).toFixed(1),
        'p50 ms': percentile(timings, 0.5).toFixed(1),
        'p95 ms': percentile(timings, 0.95).toFixed(1),
        'p99 ms': percentile(timings, 0.99).toFixed(1),
        'max ms': (timings.at(-1) ?? NaN).toFixed(1),
      },
    ]);
    console.log('reasons over all lookups:', Object.fromEntries(reasons));
  } finally {
    await accounts.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
