import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  name: string;
  /** Connects as the owning role: for migrations and for test set-up that must see every tenant. */
  ownerUrl: string;
  /** Connects as the application role: row-level security applies, as in production. */
  appUrl: string;
  drop(): Promise<void>;
}

export function postgresAdminUrl(): string {
  return process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function urlFor(database: string, user?: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = process.env.CRM_APP_PASSWORD ?? '';
  }
  return url.toString();
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file, so runs never see each other's rows. */
export async function createTestDatabase(purpose: string): Promise<TestDatabase> {
  const name = `test_${purpose.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    // New databases grant CONNECT to PUBLIC, so the application role can connect as it will in production.
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return {
    name,
    ownerUrl: urlFor(name),
    appUrl: urlFor(name, process.env.CRM_APP_ROLE ?? 'crm_app'),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
