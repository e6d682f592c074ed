import { Client } from 'pg';
import { createServiceDataSource, type ServiceDataSourceOptions } from '@crm/database';

const MIGRATIONS_TABLE = 'typeorm_migrations';

export interface TableSecurity {
  table: string;
  rowLevelSecurity: boolean;
  forced: boolean;
}

export interface IndexLead {
  index: string;
  firstColumn: string;
}

async function queryAsOwner<T>(ownerUrl: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every table of the public schema (but the migrations' own), by name, with its row-level security. */
export function tableSecurity(ownerUrl: string): Promise<TableSecurity[]> {
  return queryAsOwner<TableSecurity>(
    ownerUrl,
    `SELECT relname AS "table", relrowsecurity AS "rowLevelSecurity", relforcerowsecurity AS "forced"
     FROM pg_class
     WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> '${MIGRATIONS_TABLE}'
     ORDER BY relname`,
  );
}

/** Every index of the public schema's tables (but the migrations' own) with its first column. */
export function indexLeads(ownerUrl: string): Promise<IndexLead[]> {
  return queryAsOwner<IndexLead>(
    ownerUrl,
    `SELECT i.indexrelid::regclass::text AS "index", a.attname AS "firstColumn"
     FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid IN (
       SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname <> '${MIGRATIONS_TABLE}'
     )
     ORDER BY 1`,
  );
}

/** What a full revert left in the public schema: nothing, when every `down` undoes its `up`. */
export interface RevertLeftovers {
  tables: string[];
  functions: string[];
}

/** Runs every applied migration's `down`, newest first, as the owner, and reports what is left. */
export async function revertAllMigrations(options: ServiceDataSourceOptions): Promise<RevertLeftovers> {
  const { dataSource } = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    const [{ applied }] = await dataSource.query(
      `SELECT count(*)::int AS applied FROM "${MIGRATIONS_TABLE}"`,
    );
    for (let step = 0; step < applied; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: Array<{ name: string }> = await dataSource.query(
      `SELECT tablename AS name FROM pg_tables
       WHERE schemaname = 'public' AND tablename <> '${MIGRATIONS_TABLE}' ORDER BY 1`,
    );
    // Functions an extension brought (an extension may stay installed) are the extension's to drop.
    const functions: Array<{ name: string }> = await dataSource.query(
      `SELECT p.proname AS name FROM pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace
         AND NOT EXISTS (
           SELECT 1 FROM pg_depend d
           WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
         )
       ORDER BY 1`,
    );
    return { tables: tables.map((row) => row.name), functions: functions.map((row) => row.name) };
  } finally {
    await dataSource.destroy();
  }
}
