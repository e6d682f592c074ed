import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, DatabaseError } from 'pg';
import { InfraError } from './infra-error';
import { infraPaths } from './paths';
import { startLocalPostgresCluster } from './postgres-server';
import { parsePsqlScript, runPsqlScript } from './psql-script';
import { isLoopbackHost, redactUrl } from './settings';

/** What infra/postgres/init.sql creates; a unit test keeps the two lists the same. */
export const CRM_DATABASES = [
  'crm_accounts',
  'crm_interactions',
  'crm_pipeline',
  'crm_orders',
  'crm_marketing',
  'crm_analytics',
] as const;

export const CRM_APP_ROLE = 'crm_app';

const STARTUP_WAIT_MS = 15_000;
/** Serialises concurrent bring-ups: two CREATE DATABASE of one name would make the second fail. */
const INIT_ADVISORY_LOCK_KEY = 'crm-infra-postgres-init';

/**
 * Makes sure PostgreSQL answers at the admin URL (starting the local cluster if it is down) and
 * holds the CRM roles and databases. Returns how many CRM databases exist.
 */
export async function ensurePostgres(adminUrl: string, crmAppPassword: string | undefined): Promise<number> {
  const client = await connectAdmin(adminUrl);
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [INIT_ADVISORY_LOCK_KEY]);
    await runPsqlScript(client, parsePsqlScript(readFileSync(infraPaths.postgresInitSql, 'utf8')));
    if (crmAppPassword !== undefined) {
      // ALTER ROLE takes no bind parameters; escapeLiteral quotes the value safely instead.
      await client.query(`ALTER ROLE ${CRM_APP_ROLE} PASSWORD ${client.escapeLiteral(crmAppPassword)}`);
    }
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname = ANY($1)',
      [[...CRM_DATABASES]],
    );
    return rows.length;
  } finally {
    await client.end();
  }
}

async function connectAdmin(adminUrl: string): Promise<Client> {
  const firstAttempt = await tryConnect(adminUrl);
  if (firstAttempt !== undefined) return firstAttempt;

  const host = new URL(adminUrl).hostname || 'localhost';
  const startAttempt = isLoopbackHost(host) ? await startLocalPostgresCluster() : undefined;
  if (startAttempt?.hasStarted) {
    const deadline = Date.now() + STARTUP_WAIT_MS;
    while (Date.now() < deadline) {
      const attempt = await tryConnect(adminUrl);
      if (attempt !== undefined) return attempt;
      await sleep(500);
    }
  }
  const tried = startAttempt === undefined ? '' : ` (tried ${startAttempt.description})`;
  throw new InfraError(
    `postgres: nothing answers at ${redactUrl(adminUrl)}${tried}: start PostgreSQL (\`pg_ctlcluster <version> main start\`), run \`docker compose up -d postgres\`, or set POSTGRES_ADMIN_URL to a running server`,
  );
}

/**
 * A connected client, or undefined when the server is unreachable. A server that answers but
 * refuses (wrong password, missing role) fails at once: starting a cluster would not help.
 */
async function tryConnect(adminUrl: string): Promise<Client | undefined> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    // 57P03: the server is still starting up, which is worth waiting for.
    if (error instanceof DatabaseError && error.code !== '57P03') {
      throw new InfraError(`postgres: ${redactUrl(adminUrl)} refused the connection: ${error.message}`);
    }
    return undefined;
  }
}
