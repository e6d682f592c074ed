/**
 * Benchmark (not a test): the accounts list, a page of 20 with their contacts, through the gateway
 * vs. straight to the accounts subgraph, with the same token and query, plus each process's idle RSS.
 *
 *   npx tsx tools/bench/accounts-list.bench.ts [--warmup 3] [--duration 10] [--connections 10]
 *       [--accounts 50] [--contacts 3]
 *
 * By default it starts its own gateway and accounts (fresh database, real Kafka). To measure services
 * that already run, pass --gateway-url and --accounts-url (and --gateway-pid/--accounts-pid for RSS).
 * Either way it signs up a fresh benchmark tenant and creates the accounts it lists.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  ACCOUNTS_PAGE_QUERY,
  createCompanyWithContacts,
  postGraphQL,
  signUpTenant,
  startGatewayProcess,
  startSubgraphProcess,
} from '@crm/testing';

interface BenchOptions {
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  accounts: number;
  contactsPerAccount: number;
  running?: { gatewayUrl: string; accountsUrl: string; gatewayPid?: number; accountsPid?: number };
}

interface Target {
  label: string;
  url: string;
  pid?: number;
}

interface Measurement {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  /** Read after seeding and before any load, so both processes are compared at rest. */
  idleRssMiB?: number;
}

function positiveNumber(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
}

function optionalPid(value: string | undefined): number | undefined {
  return value === undefined ? undefined : positiveNumber('pid', value);
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      warmup: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      accounts: { type: 'string', default: '50' },
      contacts: { type: 'string', default: '3' },
      'gateway-url': { type: 'string' },
      'accounts-url': { type: 'string' },
      'gateway-pid': { type: 'string' },
      'accounts-pid': { type: 'string' },
    },
  });
  const gatewayUrl = values['gateway-url'];
  const accountsUrl = values['accounts-url'];
  if ((gatewayUrl === undefined) !== (accountsUrl === undefined)) {
    throw new Error('--gateway-url and --accounts-url go together');
  }
  return {
    warmupSeconds: positiveNumber('warmup', values.warmup),
    durationSeconds: positiveNumber('duration', values.duration),
    connections: positiveNumber('connections', values.connections),
    accounts: positiveNumber('accounts', values.accounts),
    contactsPerAccount: positiveNumber('contacts', values.contacts),
    running:
      gatewayUrl && accountsUrl
        ? {
            gatewayUrl,
            accountsUrl,
            gatewayPid: optionalPid(values['gateway-pid']),
            accountsPid: optionalPid(values['accounts-pid']),
          }
        : undefined,
  };
}

/** Resident memory from /proc (Linux), in MiB. */
function residentMemoryMiB(pid: number): number | undefined {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : undefined;
}

async function seedAccounts(gatewayUrl: string, options: BenchOptions): Promise<string> {
  const { token } = await signUpTenant(gatewayUrl, 'Benchmark Trading');
  const pending = Array.from({ length: options.accounts }, (_, index) => `Benchmark Company ${index + 1}`);
  // A few at a time: fast enough, and gentle on a 2-core machine.
  const workers = Array.from({ length: 4 }, async () => {
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
      await createCompanyWithContacts(gatewayUrl, token, name, options.contactsPerAccount);
    }
  });
  await Promise.all(workers);
  return token;
}

async function assertPageAnswers(target: Target, token: string): Promise<void> {
  const result = await postGraphQL(target.url, ACCOUNTS_PAGE_QUERY, { token, variables: { first: 20 } });
  if (result.status !== 200 || result.errors) {
    throw new Error(
      `${target.label} does not answer the query: HTTP ${result.status} ${JSON.stringify(result.errors)}`,
    );
  }
}

async function measure(
  target: Target,
  token: string,
  options: BenchOptions,
): Promise<Omit<Measurement, 'idleRssMiB'>> {
  const load = {
    url: target.url,
    method: 'POST' as const,
    connections: options.connections,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ACCOUNTS_PAGE_QUERY, variables: { first: 20 } }),
  };
  await autocannon({ ...load, duration: options.warmupSeconds });
  const result = await autocannon({ ...load, duration: options.durationSeconds });
  return {
    label: target.label,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.non2xx,
  };
}

function report(measurements: [Measurement, Measurement], options: BenchOptions): string {
  const [gateway, direct] = measurements;
  const row = (cells: string[]) =>
    cells.map((cell, index) => (index === 0 ? cell.padEnd(10) : cell.padStart(12))).join('');
  const mib = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} MiB`);
  return [
    `accounts list (page of 20 with contacts), ${options.connections} connections, ` +
      `${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured`,
    row(['', 'req/s', 'p50', 'p99', 'failures', 'idle RSS']),
    ...measurements.map((m) =>
      row([
        m.label,
        m.requestsPerSecond.toFixed(0),
        `${m.p50Ms} ms`,
        `${m.p99Ms} ms`,
        String(m.failures),
        mib(m.idleRssMiB),
      ]),
    ),
    `gateway/direct throughput ratio: ${(gateway.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}`,
  ].join('\n');
}

interface Targets {
  gateway: Target;
  direct: Target;
  stop(): Promise<void>;
}

async function targetsFor(options: BenchOptions): Promise<Targets> {
  const { running } = options;
  if (running) {
    return {
      gateway: { label: 'gateway', url: running.gatewayUrl, pid: running.gatewayPid },
      direct: { label: 'direct', url: running.accountsUrl, pid: running.accountsPid },
      stop: async () => undefined,
    };
  }
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: `bench-${randomUUID()}` };
  const accounts = await startSubgraphProcess('accounts', env);
  const gateway = await startGatewayProcess([accounts], env);
  return {
    gateway: { label: 'gateway', url: gateway.graphqlUrl, pid: gateway.pid },
    direct: { label: 'direct', url: accounts.process.graphqlUrl, pid: accounts.process.pid },
    async stop() {
      await gateway.stop();
      await accounts.stop();
    },
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const { gateway, direct, stop } = await targetsFor(options);
  try {
    process.stdout.write(
      `seeding ${options.accounts} accounts with ${options.contactsPerAccount} contacts each…\n`,
    );
    const token = await seedAccounts(gateway.url, options);
    await assertPageAnswers(gateway, token);
    await assertPageAnswers(direct, token);

    const idleRss = (target: Target) =>
      target.pid === undefined ? undefined : residentMemoryMiB(target.pid);
    const [gatewayIdleRss, directIdleRss] = [idleRss(gateway), idleRss(direct)];

    const gatewayResult = { ...(await measure(gateway, token, options)), idleRssMiB: gatewayIdleRss };
    const directResult = { ...(await measure(direct, token, options)), idleRssMiB: directIdleRss };
    process.stdout.write(`${report([gatewayResult, directResult], options)}\n`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
